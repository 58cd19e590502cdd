using Das.Vo;
using Das.Vo.Answers;
using Das.Vo.Http;
using Das.Vo.Sia;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Imaging.Tests.Integration;

/// <summary>
/// The DaCHS peer's 12 synthetic images (4 fields x g, r, i, dithered by up to 20″), found with SIA 1 at each field's
/// centre and downloaded through their access URLs with Das.Vo, once per test run. Skips when DAS_DACHS_URL is unset.
/// </summary>
internal static class DachsImages
{
    public static readonly (string Name, double Ra, double Dec)[] Fields =
    [
        ("frb_host", 334.02, -7.8988), ("ngc6302", 258.435, -37.1033), ("f307", 307.8884, -7.0883), ("m31_dense", 10.6847, 41.2687),
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _directory;

    /// <summary>The folder holding the 12 images, downloaded on first use.</summary>
    public static async Task<string> DirectoryAsync(CancellationToken cancellationToken)
    {
        var url = Environment.GetEnvironmentVariable("DAS_DACHS_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
        }
        var baseUri = new Uri(url.TrimEnd('/') + "/");
        Assert.True(baseUri.IsLoopback, "the DaCHS peer must be on loopback");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_directory is not null)
            {
                return _directory;
            }
            var directory = Directory.CreateTempSubdirectory("das-dachs-images-").FullName;
            await using var services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
            var client = services.GetRequiredService<VoQueryClient>();
            var http = services.GetRequiredService<VoHttpClient>();
            var options = new VoCallOptions { Budget = TimeSpan.FromSeconds(60) };
            foreach (var field in Fields)
            {
                var query = new Sia1Query { Endpoint = new Uri(baseUri, "synthimg/q/i/siap.xml"), RaDeg = field.Ra, DecDeg = field.Dec, SizeDeg = 0.1 };
                var answer = await client.QueryAsync(query.BuildRequest(), options, null, cancellationToken);
                var access = answer.Table.FindColumnByUcd("VOX:Image_AccessReference") ?? answer.Table.FindColumn("accref")
                    ?? throw new InvalidOperationException("the SIA answer has no access reference column");
                for (int row = 0; row < answer.Table.RowCount; row++)
                {
                    var link = new Uri(Convert.ToString(access.GetValue(row), System.Globalization.CultureInfo.InvariantCulture)!);
                    Assert.True(link.IsLoopback, $"{link} is not on loopback");
                    await using var response = await http.SendAsync(new VoRequest(HttpMethod.Get, link, []), options, cancellationToken);
                    var file = Path.Combine(directory, Path.GetFileName(link.AbsolutePath));
                    await using (var output = File.Create(file))
                    {
                        await response.Body.CopyToAsync(output, cancellationToken);
                    }
                    Assert.Null(response.BodyFault);
                }
            }
            Assert.Equal(12, Directory.GetFiles(directory, "*.fits").Length);
            _directory = directory;
            return directory;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The three images of one field (g, r, i), sorted by name.</summary>
    public static async Task<IReadOnlyList<string>> FieldAsync(string field, CancellationToken cancellationToken)
    {
        var directory = await DirectoryAsync(cancellationToken);
        return [.. Directory.GetFiles(directory, field + "_*.fits").Order(StringComparer.Ordinal)];
    }
}
