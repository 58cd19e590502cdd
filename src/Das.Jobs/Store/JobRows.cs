using System.Data.Common;
using System.Text.Json;
using Das.Jobs.Model;

namespace Das.Jobs.Store;

/// <summary>A job row as both stores (SQLite, PostgreSQL) keep it: its parameters bound by column name, and read back in column order.</summary>
internal static class JobRows
{
    public static JobRecord Read(DbDataReader reader)
    {
        using var parameters = JsonDocument.Parse(reader.GetString(4));
        return new JobRecord
        {
            Id = reader.GetString(0),
            Kind = reader.GetString(1),
            Owner = reader.GetString(2),
            Groups = JobJson.Read<string[]>(reader.GetString(3)) ?? [],
            Parameters = parameters.RootElement.Clone(),
            Phase = JobJson.ParsePhase(reader.GetString(5)) ?? throw new InvalidDataException("unknown job phase " + reader.GetString(5)),
            Progress = reader.IsDBNull(6) ? null : JobJson.Read<JobProgress>(reader.GetString(6)),
            Results = JobJson.Read<JobResult[]>(reader.GetString(7)) ?? [],
            Error = reader.IsDBNull(8) ? null : reader.GetString(8),
            Created = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
            Started = reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
            Ended = reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
            RunBy = reader.IsDBNull(12) ? null : reader.GetString(12),
        };
    }

    /// <summary>Binds every column of <paramref name="job"/> as a parameter named <paramref name="prefix"/> + column
    /// ("$id" for SQLite, "id" for Npgsql), nulls as DBNull.</summary>
    public static void Bind(DbCommand command, JobRecord job, string prefix)
    {
        Add(command, prefix + "id", job.Id);
        Add(command, prefix + "kind", job.Kind);
        Add(command, prefix + "owner", job.Owner);
        Add(command, prefix + "groups", JobJson.Write(job.Groups));
        Add(command, prefix + "parameters", job.Parameters.GetRawText());
        Add(command, prefix + "phase", JobJson.PhaseName(job.Phase));
        Add(command, prefix + "progress", job.Progress is null ? DBNull.Value : JobJson.Write(job.Progress));
        Add(command, prefix + "results", JobJson.Write(job.Results));
        Add(command, prefix + "error", (object?)job.Error ?? DBNull.Value);
        Add(command, prefix + "created", job.Created.ToUnixTimeMilliseconds());
        Add(command, prefix + "started", job.Started is { } s ? s.ToUnixTimeMilliseconds() : DBNull.Value);
        Add(command, prefix + "ended", job.Ended is { } e ? e.ToUnixTimeMilliseconds() : DBNull.Value);
        Add(command, prefix + "run_by", (object?)job.RunBy ?? DBNull.Value);
    }

    /// <summary>Runs <paramref name="command"/> and reads every row it returns.</summary>
    public static async Task<IReadOnlyList<JobRecord>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<JobRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }
        return list;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
