namespace Das.Testing;

/// <summary>How <see cref="FakeFileServer"/> serves one file: the faults of real archives' file servers.</summary>
public sealed record FileServing
{
    /// <summary>The response's Content-Type.</summary>
    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>A status other than 200/206 (404, 503): sent with a short text body instead of the file.</summary>
    public int? Status { get; init; }

    /// <summary>Throttle each response to this many bytes per second; null for as fast as possible.</summary>
    public long? BytesPerSecond { get; init; }

    /// <summary>Drop the connection after sending this many bytes of one response (a mid-stream disconnect).</summary>
    public long? DropEveryBytes { get; init; }

    /// <summary>Stop dropping after this many drops; null for no limit.</summary>
    public int? MaxDrops { get; init; }

    /// <summary>Answer every request with the whole file (200), as servers without Range support do.</summary>
    public bool IgnoreRange { get; init; }

    /// <summary>Send no ETag and no Last-Modified.</summary>
    public bool NoValidators { get; init; }

    /// <summary>Declare this Content-Length instead of the true one (a lying or truncating server); only without Range.</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>Omit Content-Length (chunked transfer), so the size is unknown until the end.</summary>
    public bool NoContentLength { get; init; }
}
