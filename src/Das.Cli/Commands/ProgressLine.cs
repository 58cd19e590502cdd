using System.Globalization;
using Das.Jobs.Model;

namespace Das.Cli.Commands;

/// <summary>One line of progress for a terminal: files, bytes, rate, ETA.</summary>
internal static class ProgressLine
{
    public static string Of(JobProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var parts = new List<string>();
        if (p.Step is { } step)
        {
            parts.Add(step);
        }
        if (p.BytesDone is { } done)
        {
            parts.Add(p.BytesTotal is { } total ? Size(done) + " / " + Size(total) : Size(done));
        }
        if (p.BytesPerSecond is { } rate)
        {
            parts.Add(Size((long)rate) + "/s");
        }
        if (p.EtaSeconds is { } eta)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"ETA {eta:0} s"));
        }
        if (p.Fraction is { } f)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{f * 100:0.0} %"));
        }
        return string.Join("  ", parts);
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
