using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Das.Testing;

namespace Das.Web.Tests.Jobs;

public sealed class JobsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<JsonElement> CreateAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync("/api/jobs", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    internal static async Task<JsonElement> WaitAsync(HttpClient client, string id)
    {
        for (var i = 0; i < 60; i++)
        {
            var job = JsonDocument.Parse(await client.GetStringAsync($"/api/jobs/{id}?wait=10", Ct)).RootElement.Clone();
            if (job.GetProperty("phase").GetString() is "COMPLETED" or "ERROR" or "ABORTED" or "INTERRUPTED")
            {
                return job;
            }
        }
        throw new TimeoutException("job " + id + " did not finish");
    }

    [Fact]
    public async Task A_download_job_created_over_http_completes_and_its_file_streams_back_with_range_support()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        await using var files = await FakeFileServer.StartAsync(Ct);
        var file = SyntheticFile.FitsFile(300_000, 9);
        var url = files.Serve("cutouts/m31.fits", file, new FileServing { ContentType = "application/fits" });
        using var client = host.Client;

        var created = await CreateAsync(client, new { kind = "download", parameters = new { files = new[] { new { url } } } });
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("QUEUED", created.GetProperty("phase").GetString());
        var job = await WaitAsync(client, id);

        Assert.Equal("COMPLETED", job.GetProperty("phase").GetString());
        var result = job.GetProperty("results")[0];
        Assert.Equal("m31.fits", result.GetProperty("name").GetString());
        Assert.Equal($"/api/jobs/{id}/results/m31.fits", result.GetProperty("url").GetString());
        Assert.Equal(url.AbsoluteUri, result.GetProperty("source").GetString());
        Assert.Equal(file.Length, job.GetProperty("progress").GetProperty("bytesDone").GetInt64());
        Assert.False(job.GetProperty("results")[0].TryGetProperty("path", out _), "server paths are not shown");

        using var whole = await client.GetAsync(result.GetProperty("url").GetString(), Ct);
        Assert.Equal("application/fits", whole.Content.Headers.ContentType!.MediaType);
        var bytes = await whole.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(file.Sha256(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));

        using var request = new HttpRequestMessage(HttpMethod.Get, result.GetProperty("url").GetString());
        request.Headers.Range = new RangeHeaderValue(2880, 2889);
        using var part = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes.AsSpan(2880, 10).ToArray(), await part.Content.ReadAsByteArrayAsync(Ct));

        var list = JsonDocument.Parse(await client.GetStringAsync("/api/jobs", Ct)).RootElement;
        Assert.Contains("download", list.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(id, list.GetProperty("jobs")[0].GetProperty("id").GetString());
        Assert.Equal("COMPLETED", await client.GetStringAsync($"/api/jobs/{id}/phase", Ct));
    }

    [Fact]
    public async Task A_url_on_a_host_that_is_no_source_is_refused_and_nothing_is_fetched()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        using var client = host.Client;

        var answer = await CreateAsync(client, new { kind = "download", parameters = new { urls = new[] { "http://192.0.2.7/private/secret.fits" } } }, HttpStatusCode.BadRequest);

        var error = answer.GetProperty("errors")[0];
        Assert.Equal("parameters", error.GetProperty("parameter").GetString());
        Assert.Equal("may not download http://192.0.2.7/private/secret.fits: 192.0.2.7 is not a configured source's host nor in Das:Downloads:AllowedHosts", error.GetProperty("message").GetString());
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync("/api/jobs", Ct)).RootElement.GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task A_restricted_sources_host_is_open_only_to_its_group()
    {
        await using var host = await DasWebHost.StartAsync(("frb", "/frb", "images", 10, "frb-team"));
        await using var files = await FakeFileServer.StartAsync(Ct);
        var url = files.Serve("frb/burst.fits", SyntheticFile.FitsFile(10_000, 1));
        using var anonymous = host.Client;
        using var member = host.Client;
        member.DefaultRequestHeaders.Add("X-Test-User", "carol");
        member.DefaultRequestHeaders.Add("X-Test-Groups", "frb-team");

        var refused = await CreateAsync(anonymous, new { kind = "download", parameters = new { urls = new[] { url } } }, HttpStatusCode.BadRequest);
        var created = await CreateAsync(member, new { kind = "download", parameters = new { urls = new[] { url } } });
        var job = await WaitAsync(member, created.GetProperty("id").GetString()!);

        Assert.Contains("is not a configured source's host", refused.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("COMPLETED", job.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Another_caller_gets_not_found_for_every_job_endpoint()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        await using var files = await FakeFileServer.StartAsync(Ct);
        var url = files.Serve("a.fits", SyntheticFile.FitsFile(10_000, 2));
        using var alice = host.Client;
        alice.DefaultRequestHeaders.Add("X-Test-User", "alice");
        using var bob = host.Client;
        bob.DefaultRequestHeaders.Add("X-Test-User", "bob");
        var id = (await CreateAsync(alice, new { kind = "download", parameters = new { urls = new[] { url } } })).GetProperty("id").GetString()!;
        await WaitAsync(alice, id);

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/jobs/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/jobs/{id}/results/a.fits", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/jobs/{id}/cancel", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/jobs/{id}", Ct)).StatusCode);
        Assert.Empty(JsonDocument.Parse(await bob.GetStringAsync("/api/jobs", Ct)).RootElement.GetProperty("jobs").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/jobs/{id}/results/a.fits", Ct)).StatusCode);
    }

    [Fact]
    public async Task Uws_phase_abort_cancels_a_running_download_and_delete_removes_the_job()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        await using var files = await FakeFileServer.StartAsync(Ct);
        var url = files.Serve("slow.fits", SyntheticFile.FitsFile(40_000_000, 3), new FileServing { BytesPerSecond = 1_000_000 });
        using var client = host.Client;
        var id = (await CreateAsync(client, new { kind = "download", parameters = new { urls = new[] { url } } })).GetProperty("id").GetString()!;
        var running = JsonDocument.Parse(await client.GetStringAsync($"/api/jobs/{id}?wait=20&phase=QUEUED", Ct)).RootElement;
        Assert.Equal("EXECUTING", running.GetProperty("phase").GetString());

        using var abort = await client.PostAsync($"/api/jobs/{id}/phase", new FormUrlEncodedContent([new("PHASE", "ABORT")]), Ct);
        var aborted = JsonDocument.Parse(await abort.Content.ReadAsStringAsync(Ct)).RootElement;
        using var deleted = await client.DeleteAsync($"/api/jobs/{id}", Ct);

        Assert.Equal("ABORTED", aborted.GetProperty("phase").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jobs/{id}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"parameters":{}}""", "kind", "give the job's kind")]
    [InlineData("""{"kind":"sculpt"}""", "parameters", "unknown job kind 'sculpt'")]
    [InlineData("""[1]""", "body", "send a JSON object")]
    [InlineData("""{"kind":""", "body", "send a JSON object")]
    public async Task Bad_create_requests_get_400_naming_the_parameter(string body, string parameter, string message)
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        using var client = host.Client;

        using var response = await client.PostAsync("/api/jobs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors")[0];
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
