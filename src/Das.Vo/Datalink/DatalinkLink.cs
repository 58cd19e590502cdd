namespace Das.Vo.Datalink;

/// <summary>One row of a DataLink {links} table (DataLink 1.1 section 3.2).</summary>
public sealed record DatalinkLink
{
    /// <summary>The dataset the link belongs to.</summary>
    public required string Id { get; init; }
    /// <summary>Where to get the resource, or null when the link is a service or an error.</summary>
    public string? AccessUrl { get; init; }
    /// <summary>The id of a service descriptor resource in the same document (cutouts and other services).</summary>
    public string? ServiceDef { get; init; }
    /// <summary>Why this dataset has no link (e.g. "NotFoundFault: ..."), or null.</summary>
    public string? ErrorMessage { get; init; }
    /// <summary>What the link is: #this, #preview, #progenitor, #calibration, ... (a term of the IVOA datalink vocabulary).</summary>
    public string? Semantics { get; init; }
    /// <summary>Human-readable description.</summary>
    public string? Description { get; init; }
    /// <summary>MIME type of the resource.</summary>
    public string? ContentType { get; init; }
    /// <summary>Size in bytes, when known.</summary>
    public long? ContentLength { get; init; }

    /// <summary>True when the row reports an error instead of a link.</summary>
    public bool IsError => ErrorMessage is not null;
}
