namespace Das.Tables.Writers.VoTable;

/// <summary>How the rows of each TABLE are serialised.</summary>
public enum VoTableSerialization
{
    /// <summary>BINARY2 (VOTable 1.3+): big-endian binary rows with a per-row null bitmask, base64 inline. Compact and fast.</summary>
    Binary2,
    /// <summary>TABLEDATA: one TR/TD per row and cell. Human-readable, about three times larger.</summary>
    TableData,
}
