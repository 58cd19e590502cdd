namespace Das.Jobs;

/// <summary>Configuration section <c>Das:Jobs</c>.</summary>
public sealed record JobOptions
{
    /// <summary>The SQLite file holding the job records (in-process engine). Default: <c>jobs.db</c> under <see cref="DataDirectory"/>.</summary>
    public string? Database { get; init; }

    /// <summary>Where jobs write their files, one directory per job. Default: <c>jobs</c> under <see cref="DataDirectory"/>.</summary>
    public string? Directory { get; init; }

    /// <summary>The app's data directory; default <c>$XDG_DATA_HOME/das</c> or <c>~/.local/share/das</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Jobs running at once in this instance (1 to 64). Default 2.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary><c>inprocess</c> (default: a queue in this process, records in SQLite) or <c>hangfire</c> (Hangfire servers on PostgreSQL, shared by every instance).</summary>
    public string Engine { get; init; } = "inprocess";

    /// <summary>The PostgreSQL connection string for <c>Engine = hangfire</c> (job records and Hangfire's own tables).</summary>
    public string? Postgres { get; init; }

    /// <summary>The PostgreSQL schema of the job records (Hangfire's tables go in SCHEMA_hangfire). Default "das".</summary>
    public string PostgresSchema { get; init; } = "das";

    /// <summary>False for an instance that takes requests but runs no jobs (Hangfire engine only). Default true.</summary>
    public bool Worker { get; init; } = true;

    /// <summary>This instance's name in the job records (RunBy); default machine name and process id.</summary>
    public string? InstanceName { get; init; }

    /// <summary>The instance name in use.</summary>
    public string ResolvedInstanceName => InstanceName ?? Environment.MachineName + ":" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Most jobs listed per owner. Default 200.</summary>
    public int ListLimit { get; init; } = 200;

    /// <summary>How often a running job's progress is written to the store and cancel requests are read. Default 1 s.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The data directory in use: <see cref="DataDirectory"/>, else the XDG default.</summary>
    public string ResolvedDataDirectory => DataDirectory ?? System.IO.Path.Combine(
        Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"),
        "das");

    /// <summary>The SQLite file in use.</summary>
    public string ResolvedDatabase => Database ?? System.IO.Path.Combine(ResolvedDataDirectory, "jobs.db");

    /// <summary>The job files' directory in use.</summary>
    public string ResolvedDirectory => Directory ?? System.IO.Path.Combine(ResolvedDataDirectory, "jobs");

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Concurrency is < 1 or > 64)
        {
            problems.Add("Das:Jobs:Concurrency must be 1 to 64");
        }
        if (!string.Equals(Engine, "inprocess", StringComparison.OrdinalIgnoreCase) && !string.Equals(Engine, "hangfire", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Das:Jobs:Engine must be inprocess or hangfire");
        }
        if (string.Equals(Engine, "hangfire", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(Postgres))
        {
            problems.Add("Das:Jobs:Engine = hangfire needs Das:Jobs:Postgres (a PostgreSQL connection string)");
        }
        if (PostgresSchema.Length is 0 or > 40 || !char.IsAsciiLetterLower(PostgresSchema[0]) || !PostgresSchema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            problems.Add("Das:Jobs:PostgresSchema must be lower-case letters, digits and '_' (at most 40), starting with a letter");
        }
        if (ListLimit < 1)
        {
            problems.Add("Das:Jobs:ListLimit must be at least 1");
        }
        if (FlushInterval <= TimeSpan.Zero)
        {
            problems.Add("Das:Jobs:FlushInterval must be positive");
        }
        return problems;
    }
}
