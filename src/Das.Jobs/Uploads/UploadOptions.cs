namespace Das.Jobs.Uploads;

/// <summary>Limits of uploaded FITS files (<c>Das:Uploads</c>).</summary>
public sealed record UploadOptions
{
    /// <summary>The largest upload (all its files together), in MB (10^6 bytes).</summary>
    public long MaxMegabytes { get; init; } = 2000;

    /// <summary>The most files in one upload.</summary>
    public int MaxFiles { get; init; } = 200;

    /// <summary>The cap in bytes.</summary>
    public long MaxBytes => MaxMegabytes * 1_000_000;

    /// <summary>Every problem of the options, empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxMegabytes < 1)
        {
            problems.Add("Das:Uploads:MaxMegabytes must be at least 1");
        }
        if (MaxFiles < 1)
        {
            problems.Add("Das:Uploads:MaxFiles must be at least 1");
        }
        return problems;
    }
}
