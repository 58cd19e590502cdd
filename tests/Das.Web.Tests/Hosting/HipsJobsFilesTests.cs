using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Das.Imaging.Hips;
using Das.Imaging.Tools;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Das.Web.Tests.Hosting;

/// <summary>A HiPS built by Hipsgen into the cache, served at /hips-jobs/{key}/ with the types Aladin Lite needs, to whom its scope allows.</summary>
[Trait("Category", "Integration")]
public sealed class HipsJobsFilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A 64 x 64 float image with a TAN WCS near M31 (2″ pixels), enough for Hipsgen.</summary>
    private static string WriteImage(string path)
    {
        string[] cards =
        [
            "SIMPLE  =                    T", "BITPIX  =                  -32", "NAXIS   =                    2",
            "NAXIS1  =                   64", "NAXIS2  =                   64", "CTYPE1  = 'RA---TAN'", "CTYPE2  = 'DEC--TAN'",
            "CRVAL1  =              10.6847", "CRVAL2  =              41.2687", "CRPIX1  =                 32.5", "CRPIX2  =                 32.5",
            "CD1_1   =  -0.0005555555555556", "CD1_2   =                  0.0", "CD2_1   =                  0.0", "CD2_2   =   0.0005555555555556",
            "RADESYS = 'ICRS'", "END",
        ];
        var header = string.Concat(cards.Select(c => c.PadRight(80)));
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(header.PadRight(2880)));
        var data = new byte[2880 * 6];
        for (int i = 0; i < 64 * 64; i++)
        {
            var value = BitConverter.GetBytes(100f + i % 64 + i / 64);
            Array.Reverse(value); // FITS is big-endian
            value.CopyTo(data, i * 4);
        }
        bytes.AddRange(data);
        File.WriteAllBytes(path, [.. bytes]);
        return path;
    }

    [Fact]
    public async Task Properties_and_tiles_answer_200_with_their_types_and_only_to_whom_the_scope_allows()
    {
        var tools = new ImagingToolOptions();
        if (ToolRunner.Resolve(tools.Java) is null || !File.Exists(tools.AladinJar))
        {
            Assert.Skip("Hipsgen is not installed (Debian packages aladin and default-jre-headless; ./test.sh installs them)");
        }
        var root = Directory.CreateTempSubdirectory("das-web-hips-").FullName;
        var image = WriteImage(Path.Combine(root, "m31.fits"));
        var cache = new HipsCache(Path.Combine(root, "hips"), new HipsBuilder(tools, ToolRunner.System), TimeProvider.System);
        // Anonymous callers' jobs have the owner "anonymous" (JobOwner.Of).
        var build = await cache.GetOrBuildAsync(new HipsRequest { Inputs = [image], Scope = "owner:anonymous", Order = 6 }, null, Ct);
        // The same HiPS recorded as Alice's, under another key: anonymous callers must not reach it.
        var alices = new string('a', 64);
        CopyDirectory(build.Directory, cache.DirectoryOf(alices));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(cache.Root, build.Key + ".json"), Ct))!;
        json["scope"] = "owner:user:alice";
        json["key"] = alices;
        await File.WriteAllTextAsync(Path.Combine(cache.Root, alices + ".json"), json.ToJsonString(), Ct);

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Das:Imaging:HipsDirectory", cache.Root));
        var client = factory.CreateClient();
        var baseUrl = $"/hips-jobs/{build.Key}/";

        var properties = await client.GetAsync(baseUrl + "properties", Ct);
        Assert.Equal(HttpStatusCode.OK, properties.StatusCode);
        Assert.Equal("text/plain", properties.Content.Headers.ContentType?.MediaType);
        Assert.Equal("6", HipsProperties.Parse(await properties.Content.ReadAsStringAsync(Ct)).Values["hips_order"]);

        var tile = Directory.GetFiles(Path.Combine(build.Directory, "Norder6"), "*.fits", SearchOption.AllDirectories)[0];
        var tileUrl = baseUrl + Path.GetRelativePath(build.Directory, tile).Replace('\\', '/');
        var fits = await client.GetAsync(tileUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal("application/fits", fits.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("SIMPLE  =", Encoding.ASCII.GetString((await fits.Content.ReadAsByteArrayAsync(Ct))[..9]), StringComparison.Ordinal);

        var allsky = await client.GetAsync(baseUrl + "Norder3/Allsky.png", Ct);
        Assert.Equal(HttpStatusCode.OK, allsky.StatusCode);
        Assert.Equal("image/png", allsky.Content.Headers.ContentType?.MediaType);
        var moc = await client.GetAsync(baseUrl + "Moc.fits", Ct);
        Assert.Equal("application/fits", moc.Content.Headers.ContentType?.MediaType);

        // Not a viewer's file, not a complete HiPS, not the caller's, or the cache's own records: 404.
        foreach (var url in new[] { baseUrl + "index.html", $"/hips-jobs/{build.Key}.json", $"/hips-jobs/{alices}/properties",
            $"/hips-jobs/{new string('b', 64)}/properties", "/hips-jobs/../hips-jobs/x", baseUrl + "Norder6/nothing.fits" })
        {
            Assert.True((await client.GetAsync(url, Ct)).StatusCode == HttpStatusCode.NotFound, url);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
