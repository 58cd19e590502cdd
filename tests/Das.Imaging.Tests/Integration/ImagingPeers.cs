using Das.Imaging.Tools;

namespace Das.Imaging.Tests.Integration;

/// <summary>
/// The real tools the imaging tests run: Hipsgen (Debian aladin + default-jre-headless), Montage (Debian montage) and
/// Debian's Python with astropy for truth. ./test.sh installs them; without one, its tests are skipped with the reason.
/// </summary>
internal static class ImagingPeers
{
    public const string Python = "/usr/bin/python3";

    public static ImagingToolOptions Tools { get; } = new();

    public static void RequireHipsgen()
    {
        if (ToolRunner.Resolve(Tools.Java) is null || !File.Exists(Tools.AladinJar))
        {
            Assert.Skip("Hipsgen is not installed (Debian packages aladin and default-jre-headless; ./test.sh installs them)");
        }
    }

    public static void RequireMontage()
    {
        if (ToolRunner.Resolve(Tools.Montage("mAdd")) is null || ToolRunner.Resolve(Tools.Montage("mProjectPP")) is null)
        {
            Assert.Skip("Montage is not installed (Debian package montage; ./test.sh installs it)");
        }
    }

    public static async Task RequireAstropyAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Python))
        {
            Assert.Skip("Debian's /usr/bin/python3 is missing (./test.sh installs python3-astropy)");
        }
        var run = await ToolRunner.System.RunAsync(new ToolCommand
        {
            FileName = Python,
            Arguments = ["-c", "import astropy, scipy"],
            DisplayName = "python3",
            InstallHint = "apt-get install python3-astropy python3-scipy",
        }, null, cancellationToken);
        if (run.ExitCode != 0)
        {
            Assert.Skip("astropy or scipy is missing from /usr/bin/python3 (Debian python3-astropy, python3-scipy): " + run.StandardError.Trim());
        }
    }

    /// <summary>A minimal FITS file: a header and an optional 2-D float image (no WCS unless cards are given).</summary>
    public static string WriteFits(string path, int width, int height, params string[] extraCards)
    {
        var cards = new List<string> { "SIMPLE  =                    T", "BITPIX  =                  -32", "NAXIS   =                    2",
            $"NAXIS1  = {width,20}", $"NAXIS2  = {height,20}" };
        cards.AddRange(extraCards);
        cards.Add("END");
        var header = string.Concat(cards.Select(c => c.PadRight(80)));
        header = header.PadRight((header.Length + 2879) / 2880 * 2880);
        using var stream = File.Create(path);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        long dataBytes = (long)width * height * 4;
        var data = new byte[(dataBytes + 2879) / 2880 * 2880];
        for (int i = 0; i < width * height; i++)
        {
            // 100.0f big-endian
            data[i * 4] = 0x42;
            data[i * 4 + 1] = 0xC8;
        }
        stream.Write(data);
        return path;
    }
}
