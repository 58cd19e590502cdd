namespace Das.Engine.CrossMatch;

/// <summary>Where a catalogue is matched.</summary>
public enum MatchPlace
{
    /// <summary>Das decides: a cone around the list, matched here, when the list is compact; otherwise on the archive.</summary>
    Auto,

    /// <summary>Das fetches the cone around the list and matches here.</summary>
    Local,

    /// <summary>The archive matches an upload of the list (TAP sources with a table, VizieR sources through TAPVizieR).</summary>
    Remote,
}
