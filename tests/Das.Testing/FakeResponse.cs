using System.Text;

namespace Das.Testing;

/// <summary>
/// What the fake server does for one request: a status, headers and a body, plus the faults real archives show
/// (latency, a connection reset, a body cut short, a slow drip, a gigantic body, no answer at all).
/// </summary>
public sealed record FakeResponse
{
    public int Status { get; init; } = 200;
    public string ContentType { get; init; } = "application/x-votable+xml";
    public ReadOnlyMemory<byte> Body { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Wait this long before sending anything.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>
    /// Send nothing until this task completes (after <see cref="Delay"/>): the test decides when, and in which
    /// order, answers go out, without depending on timers.
    /// </summary>
    public Task? WaitFor { get; init; }

    /// <summary>Drop the connection without an answer.</summary>
    public bool ResetBeforeHeaders { get; init; }

    /// <summary>Send this many body bytes (with the full Content-Length announced), then drop the connection.</summary>
    public int? ResetAfterBytes { get; init; }

    /// <summary>Send the body in chunks of this many bytes, <see cref="DripInterval"/> apart.</summary>
    public int? DripChunkBytes { get; init; }
    public TimeSpan DripInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Send this many bytes in all, repeating <see cref="Body"/> (a gigantic answer without holding it in memory).</summary>
    public long? RepeatBodyToBytes { get; init; }

    /// <summary>Sent once before the (repeated) body: a VOTable header before endless rows, for instance.</summary>
    public ReadOnlyMemory<byte> BodyPrefix { get; init; }

    /// <summary>
    /// A VOTable whose TABLEDATA never ends within <paramref name="totalBytes"/>: a header, then <paramref name="row"/>
    /// repeated, with no closing tags, the way a runaway service sends an answer too big to keep.
    /// </summary>
    public static FakeResponse EndlessVoTableRows(string header, string row, long totalBytes) =>
        new() { BodyPrefix = Encoding.UTF8.GetBytes(header), Body = Encoding.UTF8.GetBytes(row), RepeatBodyToBytes = totalBytes };

    /// <summary>True when the server itself drops the connection (a reset), so an abort is not the client leaving.</summary>
    public bool AbortsByDesign => ResetBeforeHeaders || ResetAfterBytes is not null;

    /// <summary>Accept the request and never answer (until the client gives up or the server stops).</summary>
    public bool Hang { get; init; }

    public static FakeResponse VoTable(string xml) => new() { Body = Encoding.UTF8.GetBytes(xml) };

    public static FakeResponse Text(string text, string contentType = "text/plain; charset=utf-8", int status = 200) =>
        new() { Body = Encoding.UTF8.GetBytes(text), ContentType = contentType, Status = status };

    public static FakeResponse Html(string title, int status = 200) => Text(
        $"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>Please try again later.</p></body></html>",
        "text/html; charset=utf-8", status);

    public static FakeResponse WithStatus(int status, string body = "") => Text(body, status: status);

    public static FakeResponse Redirect(string location, int status = 303) =>
        new() { Status = status, Headers = new Dictionary<string, string> { ["Location"] = location }, ContentType = "text/plain" };

    public static FakeResponse Reset() => new() { ResetBeforeHeaders = true };

    public static FakeResponse Hanging() => new() { Hang = true };
}
