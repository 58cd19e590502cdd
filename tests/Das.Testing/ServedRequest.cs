namespace Das.Testing;

/// <summary>One request the file server answered.</summary>
/// <param name="Path">The path asked for.</param>
/// <param name="Range">The Range header, empty when none.</param>
/// <param name="IfRange">The If-Range header, empty when none.</param>
/// <param name="Status">The status sent.</param>
/// <param name="BytesSent">Body bytes sent.</param>
/// <param name="Dropped">True when the server cut the connection on purpose.</param>
public sealed record ServedRequest(string Path, string Range, string IfRange, int Status, long BytesSent, bool Dropped);
