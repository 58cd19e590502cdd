using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Das.Testing;

namespace Das.Web.Tests.Jobs;

public sealed class JobUploadsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Fields = ["job-east.fits", "job-west.fits"];

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Jobs", "Fixtures", name);

    private static MultipartFormDataContent Form(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/fits");
            form.Add(part, "file", name);
        }
        return form;
    }

    private static byte[] Bytes(SyntheticFile file)
    {
        var bytes = new byte[file.Length];
        file.Fill(0, bytes);
        return bytes;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(HttpClient client, HttpContent content)
    {
        using var response = await client.PostAsync("/api/jobs/uploads", content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Message(JsonElement body) => body.GetProperty("errors")[0].GetProperty("message").GetString()!;

    [Fact]
    public async Task Uploaded_fits_files_become_a_completed_upload_job_whose_files_stream_back_and_only_its_owner_sees()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        using var alice = host.Client;
        alice.DefaultRequestHeaders.Add("X-Test-User", "alice");
        using var bob = host.Client;
        bob.DefaultRequestHeaders.Add("X-Test-User", "bob");
        var east = await File.ReadAllBytesAsync(Fixture(Fields[0]), Ct);
        var west = await File.ReadAllBytesAsync(Fixture(Fields[1]), Ct);

        var (status, job) = await UploadAsync(alice, Form((Fields[0], east), ("../../etc/" + Fields[1], west)));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("upload", job.GetProperty("kind").GetString());
        Assert.Equal("COMPLETED", job.GetProperty("phase").GetString());
        var id = job.GetProperty("id").GetString()!;
        var results = job.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Fields, results.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal([east.Length, west.Length], results.Select(r => r.GetProperty("size").GetInt64()));
        Assert.All(results, r => Assert.Equal("application/fits", r.GetProperty("mediaType").GetString()));
        Assert.Equal(west, await alice.GetByteArrayAsync($"/api/jobs/{id}/results/{Fields[1]}", Ct));
        Assert.Equal(id, JsonDocument.Parse(await alice.GetStringAsync("/api/jobs", Ct)).RootElement.GetProperty("jobs")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/jobs/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/jobs/{id}/results/{Fields[0]}", Ct)).StatusCode);

        // Another caller cannot build from it; its owner can.
        var refused = await JobsApiTests.CreateAsync(bob, new { kind = "mosaic", parameters = new { inputs = new[] { id } } }, HttpStatusCode.BadRequest);
        Assert.Equal($"input 1: no job {id}", Message(refused));

        Assert.SkipWhen(!OnPath("mAdd"), "Montage is not installed (Debian package montage; ./test.sh installs it)");
        var mosaic = await JobsApiTests.CreateAsync(alice, new { kind = "mosaic", parameters = new { inputs = new[] { id }, region = new { ra = 334.02, dec = -7.8988, width = 2 } } });
        var built = await JobsApiTests.WaitAsync(alice, mosaic.GetProperty("id").GetString()!);
        Assert.True("COMPLETED" == built.GetProperty("phase").GetString(), built.ToString());
        Assert.Contains("mosaic.fits", built.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task An_upload_that_is_not_fits_is_empty_truncated_or_not_multipart_is_refused_with_its_reason_and_leaves_no_job()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        using var client = host.Client;
        var good = Bytes(SyntheticFile.FitsFile(10_000, 3));

        var (notFits, notFitsBody) = await UploadAsync(client, Form((Fields[0], good), ("notes.fits", Encoding.ASCII.GetBytes("hello, this is text"))));
        var (empty, emptyBody) = await UploadAsync(client, Form(("empty.fits", [])));
        var (cut, cutBody) = await UploadAsync(client, Form(("cut.fits", good[..5000])));
        var (plain, plainBody) = await UploadAsync(client, new ByteArrayContent(good));
        var (none, noneBody) = await UploadAsync(client, new MultipartFormDataContent { { new StringContent("x"), "comment" } });

        Assert.Equal(HttpStatusCode.BadRequest, notFits);
        Assert.Equal("file 2 (notes.fits): not a FITS file: it begins with \"hello, this is text\"", Message(notFitsBody));
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal("file 1 (empty.fits): the file is empty", Message(emptyBody));
        Assert.Equal(HttpStatusCode.BadRequest, cut);
        Assert.Equal("file 1 (cut.fits): a truncated FITS file: 5000 bytes is not a whole number of 2880-byte blocks", Message(cutBody));
        Assert.Equal(HttpStatusCode.BadRequest, plain);
        Assert.Equal("send multipart/form-data with one or more FITS files", Message(plainBody));
        Assert.Equal(HttpStatusCode.BadRequest, none);
        Assert.Equal("no file: send one or more FITS files as multipart/form-data parts", Message(noneBody));
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync("/api/jobs", Ct)).RootElement.GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task An_upload_over_the_configured_cap_is_refused_with_413_naming_the_setting()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        host.UseSetting("Das:Uploads:MaxMegabytes", "1");
        using var client = host.Client;
        var half = Bytes(SyntheticFile.FitsFile(600_000, 4));

        var (within, _) = await UploadAsync(client, Form(("a.fits", half)));
        var (over, overBody) = await UploadAsync(client, Form(("a.fits", half), ("b.fits", half)));

        Assert.Equal(HttpStatusCode.Created, within);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over);
        Assert.EndsWith("the upload is larger than 1 MB (Das:Uploads:MaxMegabytes)", Message(overBody), StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse(await client.GetStringAsync("/api/jobs", Ct)).RootElement.GetProperty("jobs").EnumerateArray());
    }

    private static bool OnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, name)));
}
