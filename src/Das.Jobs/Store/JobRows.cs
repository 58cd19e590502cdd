using System.Data.Common;
using System.Text.Json;
using Das.Jobs.Model;

namespace Das.Jobs.Store;

/// <summary>Reads a job row (the column order of both stores) into a record.</summary>
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
}
