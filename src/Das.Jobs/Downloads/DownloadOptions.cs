namespace Das.Jobs.Downloads;

/// <summary>Configuration section <c>Das:Downloads</c>.</summary>
public sealed record DownloadOptions
{
    /// <summary>The disk store of downloaded files. Default: <c>downloads</c> under the app's data directory (<see cref="JobOptions.DataDirectory"/>).</summary>
    public string? Directory { get; init; }

    /// <summary>Largest single file, in MB (10^6 bytes): a larger declared size is refused before reading, a stream growing past it is stopped. Default 2000.</summary>
    public long MaxFileMegabytes { get; init; } = 2000;

    /// <summary>Disk budget of the store, in MB; the least recently used files go first. Default 20000.</summary>
    public long DiskBudgetMegabytes { get; init; } = 20000;

    /// <summary>Files of one job downloaded at once (1 to 16). Default 3.</summary>
    public int ParallelFiles { get; init; } = 3;

    /// <summary>Resumes after dropped connections in a row without a byte received in between before a file fails. Default 8.</summary>
    public int ResumeAttempts { get; init; } = 8;

    /// <summary>A connection silent this long counts as dropped and is resumed. Default 60 s.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a download job reports progress. Default 250 ms.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most files in one download job. Default 500.</summary>
    public int MaxFilesPerJob { get; init; } = 500;

    /// <summary>
    /// Hosts (exact, case-insensitive) whose URLs may be downloaded besides the configured sources' hosts. The server
    /// never fetches other URLs, so it cannot be used as an open proxy.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Allow any http(s) URL: only for the command line's local downloads, never for a server.</summary>
    public bool AllowAnyHost { get; init; }

    /// <summary>The User-Agent sent; null for "Das (IVOA-science)".</summary>
    public string? UserAgent { get; init; }

    /// <summary>The largest file in bytes.</summary>
    public long MaxFileBytes => MaxFileMegabytes * 1_000_000;

    /// <summary>The disk budget in bytes.</summary>
    public long DiskBudgetBytes => DiskBudgetMegabytes * 1_000_000;

    /// <summary>The store directory in use, given the jobs' data directory.</summary>
    public string ResolvedDirectory(JobOptions jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return Directory ?? System.IO.Path.Combine(jobs.ResolvedDataDirectory, "downloads");
    }

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxFileMegabytes < 1)
        {
            problems.Add("Das:Downloads:MaxFileMegabytes must be at least 1");
        }
        if (DiskBudgetMegabytes < MaxFileMegabytes)
        {
            problems.Add("Das:Downloads:DiskBudgetMegabytes must be at least Das:Downloads:MaxFileMegabytes");
        }
        if (ParallelFiles is < 1 or > 16)
        {
            problems.Add("Das:Downloads:ParallelFiles must be 1 to 16");
        }
        if (ResumeAttempts is < 0 or > 100)
        {
            problems.Add("Das:Downloads:ResumeAttempts must be 0 to 100");
        }
        if (StallTimeout <= TimeSpan.Zero || ProgressInterval <= TimeSpan.Zero)
        {
            problems.Add("Das:Downloads:StallTimeout and ProgressInterval must be positive");
        }
        if (MaxFilesPerJob < 1)
        {
            problems.Add("Das:Downloads:MaxFilesPerJob must be at least 1");
        }
        return problems;
    }
}
