namespace Das.Tables.Writers.VoTable;

/// <summary>Options of <see cref="VoTableWriter"/>.</summary>
public sealed record VoTableWriteOptions
{
    /// <summary>The options used when none are given.</summary>
    public static readonly VoTableWriteOptions Default = new();

    /// <summary>How rows are serialised.</summary>
    /// <value>Default <see cref="VoTableSerialization.Binary2"/>.</value>
    public VoTableSerialization Serialization { get; init; } = VoTableSerialization.Binary2;

    /// <summary>The <c>version</c> attribute written.</summary>
    /// <value>Default null: the document's <see cref="Model.VoTableDocument.Version"/> when it is 1.4 or 1.5, otherwise 1.4.</value>
    public VoTableVersion? Version { get; init; }

    /// <summary>Characters per line of BINARY2 base64 text.</summary>
    /// <value>Default 76 (as MIME). Must be a positive multiple of 4; 0 writes one unbroken line per table.</value>
    public int Base64LineLength { get; init; } = 76;

    /// <summary>Write the <c>nrows</c> attribute on each TABLE (lets readers preallocate).</summary>
    /// <value>Default true.</value>
    public bool WriteRowCount { get; init; } = true;

    /// <summary>Indent metadata elements by nesting depth (rows are never indented).</summary>
    /// <value>Default true.</value>
    public bool Indent { get; init; } = true;
}
