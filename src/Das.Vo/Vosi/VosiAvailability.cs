namespace Das.Vo.Vosi;

/// <summary>A VOSI availability document.</summary>
public sealed record VosiAvailability
{
    /// <summary>Whether the service says it is available.</summary>
    public required bool Available { get; init; }
    /// <summary>upSince.</summary>
    public DateTimeOffset? UpSince { get; init; }
    /// <summary>downAt: a planned outage.</summary>
    public DateTimeOffset? DownAt { get; init; }
    /// <summary>backAt: when an unavailable service expects to return.</summary>
    public DateTimeOffset? BackAt { get; init; }
    /// <summary>note elements.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
