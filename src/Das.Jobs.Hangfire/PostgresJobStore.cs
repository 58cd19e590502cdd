using Das.Jobs.Model;
using Das.Jobs.Store;
using Npgsql;

namespace Das.Jobs.Hangfire;

/// <summary>
/// Job records in PostgreSQL, shared by every instance. Same table shape and compare-and-set rules as the SQLite
/// store; every change is announced with NOTIFY (payload "instance|id|PHASE", the phase the change set) so other
/// instances can forward it live, every phase included even when the next change comes before they read the record.
/// </summary>
internal sealed class PostgresJobStore(NpgsqlDataSource dataSource, string schema, string instance) : IJobStore
{
    private const string Columns = "id, kind, owner, groups, parameters, phase, progress, results, error, created, started, ended, run_by";

    /// <summary>The NOTIFY channel of this schema.</summary>
    public string Channel => schema + "_jobs";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.jobs (
                id text PRIMARY KEY,
                kind text NOT NULL,
                owner text NOT NULL,
                groups text NOT NULL,
                parameters text NOT NULL,
                phase text NOT NULL,
                progress text,
                results text NOT NULL,
                error text,
                created bigint NOT NULL,
                started bigint,
                ended bigint,
                run_by text,
                cancel_requested boolean NOT NULL DEFAULT false);
            CREATE INDEX IF NOT EXISTS jobs_owner_created ON {schema}.jobs(owner, created);
            CREATE INDEX IF NOT EXISTS jobs_phase ON {schema}.jobs(phase);
            """);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
        {
            // Two instances creating the schema at the same moment: the other one won.
        }
    }

    public async Task AddAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = dataSource.CreateCommand($"INSERT INTO {schema}.jobs ({Columns}) VALUES (@id, @kind, @owner, @groups, @parameters, @phase, @progress, @results, @error, @created, @started, @ended, @run_by)");
        JobRows.Bind(command, job, "");
        await command.ExecuteNonQueryAsync(cancellationToken);
        await NotifyAsync(job, cancellationToken);
    }

    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {schema}.jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        var list = await JobRows.ReadAllAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<JobRecord>> ListAsync(string? owner, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(owner is null
            ? $"SELECT {Columns} FROM {schema}.jobs ORDER BY created DESC, id LIMIT @limit"
            : $"SELECT {Columns} FROM {schema}.jobs WHERE owner = @owner ORDER BY created DESC, id LIMIT @limit");
        command.Parameters.AddWithValue("owner", (object?)owner ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        return await JobRows.ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<JobRecord>> ListInPhasesAsync(IReadOnlyCollection<JobPhase> phases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phases);
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {schema}.jobs WHERE phase = ANY(@phases) ORDER BY created");
        command.Parameters.AddWithValue("phases", phases.Select(JobJson.PhaseName).ToArray());
        return await JobRows.ReadAllAsync(command, cancellationToken);
    }

    public async Task<bool> UpdateAsync(JobRecord job, JobPhase? expectedPhase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = dataSource.CreateCommand($"""
            UPDATE {schema}.jobs SET kind = @kind, owner = @owner, groups = @groups, parameters = @parameters, phase = @phase,
                progress = @progress, results = @results, error = @error, created = @created, started = @started,
                ended = @ended, run_by = @run_by
            WHERE id = @id AND (@expected::text IS NULL OR phase = @expected::text)
            """);
        JobRows.Bind(command, job, "");
        command.Parameters.AddWithValue("expected", expectedPhase is { } p ? JobJson.PhaseName(p) : DBNull.Value);
        var changed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (changed)
        {
            await NotifyAsync(job, cancellationToken);
        }
        return changed;
    }

    public async Task<bool> RequestCancelAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"UPDATE {schema}.jobs SET cancel_requested = true WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
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
        await using var command = dataSource.CreateCommand($"SELECT id FROM {schema}.jobs WHERE cancel_requested AND id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }
        return found;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {schema}.jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task NotifyAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", instance + "|" + job.Id + "|" + JobJson.PhaseName(job.Phase));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
