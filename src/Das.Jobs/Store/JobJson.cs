using System.Text.Json;
using System.Text.Json.Serialization;
using Das.Jobs.Model;

namespace Das.Jobs.Store;

/// <summary>The JSON form of progress, results and groups in the stores and the API: camelCase, phases as UWS names.</summary>
public static class JobJson
{
    /// <summary>The serializer options every store and the API share.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    /// <summary>The UWS name of a phase: EXECUTING, COMPLETED, ..., INTERRUPTED.</summary>
    public static string PhaseName(JobPhase phase) => phase switch
    {
        JobPhase.Pending => "PENDING",
        JobPhase.Queued => "QUEUED",
        JobPhase.Executing => "EXECUTING",
        JobPhase.Completed => "COMPLETED",
        JobPhase.Error => "ERROR",
        JobPhase.Aborted => "ABORTED",
        JobPhase.Interrupted => "INTERRUPTED",
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };

    /// <summary>The phase of a UWS name (case-insensitive); null when unknown.</summary>
    public static JobPhase? ParsePhase(string? name) => name?.ToUpperInvariant() switch
    {
        "PENDING" => JobPhase.Pending,
        "QUEUED" => JobPhase.Queued,
        "EXECUTING" => JobPhase.Executing,
        "COMPLETED" => JobPhase.Completed,
        "ERROR" => JobPhase.Error,
        "ABORTED" => JobPhase.Aborted,
        "INTERRUPTED" => JobPhase.Interrupted,
        _ => null,
    };

    internal static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    internal static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Options);
}
