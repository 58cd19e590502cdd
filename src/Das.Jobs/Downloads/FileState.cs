namespace Das.Jobs.Downloads;

/// <summary>One file of a download job as it goes: written by its download, read by the progress reporter.</summary>
internal sealed class FileState(Uri url, string name, bool expectFits)
{
    private long _bytesDone;
    private long _total = -1;
    private volatile string _state = "waiting";
    private volatile string? _message;

    public Uri Url { get; } = url;

    public string Name { get; } = name;

    public bool ExpectFits { get; } = expectFits;

    public long BytesDone => Interlocked.Read(ref _bytesDone);

    public long? Total => Interlocked.Read(ref _total) is var t && t >= 0 ? t : null;

    public string State { get => _state; set => _state = value; }

    public string? Message { get => _message; set => _message = value; }

    public StoredFile? Stored { get; set; }

    public void SetBytes(long bytes) => Interlocked.Exchange(ref _bytesDone, bytes);

    public void AddBytes(long bytes) => Interlocked.Add(ref _bytesDone, bytes);

    public void SetTotal(long? total) => Interlocked.Exchange(ref _total, total ?? -1);
}
