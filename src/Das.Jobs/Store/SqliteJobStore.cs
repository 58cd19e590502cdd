using Das.Jobs.Model;
using Microsoft.Data.Sqlite;

namespace Das.Jobs.Store;

/// <summary>
/// Job records in one SQLite file (WAL mode), so a restart finds the jobs it was running and can say so. One
/// connection per call (Microsoft.Data.Sqlite pools them); every change of phase is a conditional UPDATE.
/// </summary>
internal sealed class SqliteJobStore(string path) : IJobStore
{
    private const string Columns = "id, kind, owner, groups, parameters, phase, progress, results, error, created, started, ended, run_by";
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        DefaultTimeout = 30,
    }.ToString();

    public string Path { get; } = path;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS jobs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                owner TEXT NOT NULL,
                groups TEXT NOT NULL,
                parameters TEXT NOT NULL,
                phase TEXT NOT NULL,
                progress TEXT,
                results TEXT NOT NULL,
                error TEXT,
                created INTEGER NOT NULL,
                started INTEGER,
                ended INTEGER,
                run_by TEXT,
                cancel_requested INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS jobs_owner_created ON jobs(owner, created);
            CREATE INDEX IF NOT EXISTS jobs_phase ON jobs(phase);
            """, cancellationToken);
    }

    public async Task AddAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO jobs ({Columns}) VALUES ($id, $kind, $owner, $groups, $parameters, $phase, $progress, $results, $error, $created, $started, $ended, $run_by)";
        JobRows.Bind(command, job, "$");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        var list = await JobRows.ReadAllAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<JobRecord>> ListAsync(string? owner, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = owner is null
            ? $"SELECT {Columns} FROM jobs ORDER BY created DESC, id LIMIT $limit"
            : $"SELECT {Columns} FROM jobs WHERE owner = $owner ORDER BY created DESC, id LIMIT $limit";
        command.Parameters.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return await JobRows.ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<JobRecord>> ListInPhasesAsync(IReadOnlyCollection<JobPhase> phases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phases);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = phases.Select((p, i) => (Name: "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: JobJson.PhaseName(p))).ToList();
        command.CommandText = $"SELECT {Columns} FROM jobs WHERE phase IN ({string.Join(", ", names.Select(n => n.Name))}) ORDER BY created";
        foreach (var (name, value) in names)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return names.Count == 0 ? [] : await JobRows.ReadAllAsync(command, cancellationToken);
    }

    public async Task<bool> UpdateAsync(JobRecord job, JobPhase? expectedPhase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE jobs SET kind = $kind, owner = $owner, groups = $groups, parameters = $parameters, phase = $phase,
                progress = $progress, results = $results, error = $error, created = $created, started = $started,
                ended = $ended, run_by = $run_by
            WHERE id = $id AND ($expected IS NULL OR phase = $expected)
            """;
        JobRows.Bind(command, job, "$");
        command.Parameters.AddWithValue("$expected", expectedPhase is { } p ? JobJson.PhaseName(p) : DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RequestCancelAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET cancel_requested = 1 WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlySet<string>> CancelRequestedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return found;
        }
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = ids.Select((id, i) => (Name: "$i" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: id)).ToList();
        command.CommandText = $"SELECT id FROM jobs WHERE cancel_requested = 1 AND id IN ({string.Join(", ", names.Select(n => n.Name))})";
        foreach (var (name, value) in names)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }
        return found;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
