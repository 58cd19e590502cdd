using System.Diagnostics.CodeAnalysis;

namespace Das.Sky.Moc;

/// <summary>Reading and writing the three MOC 2.0 serialisations: ASCII, JSON and FITS.</summary>
public sealed partial class Moc
{
    /// <summary>
    /// The ASCII serialisation (MOC 2.0 §4.3.2): <c>order/</c> followed by cells and <c>a-b</c> runs, orders
    /// ascending, e.g. <c>3/1-3 5 8/12-14</c>; the maximum order is written as a trailing empty <c>order/</c>
    /// when it has no cells.
    /// </summary>
    /// <returns>The text.</returns>
    public string ToAscii() => MocAscii.Write(this);

    /// <summary>Reads the ASCII serialisation (MOC 2.0; MOC 1.1's commas are accepted too).</summary>
    /// <param name="text">The text, e.g. <c>3/1-3 5 8/12-14</c>.</param>
    /// <returns>The MOC.</returns>
    /// <exception cref="MocFormatException">The text is not a space MOC; the message names the character offset.</exception>
    public static Moc ParseAscii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MocAscii.Parse(text);
    }

    /// <summary>Reads the ASCII serialisation without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="moc">The MOC when the text is valid.</param>
    /// <param name="error">What is wrong and where, when it is not.</param>
    /// <returns>True when the text is valid.</returns>
    public static bool TryParseAscii(string text, [NotNullWhen(true)] out Moc? moc, [NotNullWhen(false)] out MocFormatException? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            moc = MocAscii.Parse(text);
            error = null;
            return true;
        }
        catch (MocFormatException e)
        {
            moc = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// The JSON serialisation (MOC 2.0 §4.3.3): <c>{"3":[1,2,3,5],"8":[12,13,14]}</c>; the maximum order appears
    /// with an empty array when it has no cells.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => MocJson.Write(this);

    /// <summary>Reads the JSON serialisation.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The MOC.</returns>
    /// <exception cref="MocFormatException">The text is not a JSON space MOC; the message names the byte offset.</exception>
    public static Moc ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return MocJson.Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads the JSON serialisation from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The JSON as UTF-8.</param>
    /// <returns>The MOC.</returns>
    /// <exception cref="MocFormatException">The bytes are not a JSON space MOC.</exception>
    public static Moc ParseJson(ReadOnlySpan<byte> utf8Json) => MocJson.Parse(utf8Json);

    /// <summary>
    /// The FITS serialisation (MOC 2.0 §4.3.1): an empty primary HDU and a binary table with one NUNIQ column,
    /// 32-bit (<c>TFORM1 = '1J'</c>) when the maximum order is at most 13, else 64-bit (<c>'1K'</c>), with
    /// MOCVERS, MOCDIM, ORDERING, COORDSYS, MOCORD_S (and MOCORDER for MOC 1.x readers).
    /// </summary>
    /// <returns>The file content.</returns>
    public byte[] ToFits() => MocFits.Write(this);

    /// <summary>Writes the FITS serialisation to a stream.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public async Task WriteFitsAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(ToFits(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a FITS MOC: MOC 2.0 (MOCVERS, MOCORD_S) or MOC 1.0/1.1 (MOCORDER), NUNIQ 32- or 64-bit.</summary>
    /// <param name="fits">The file content.</param>
    /// <returns>The MOC.</returns>
    /// <exception cref="MocFormatException">The bytes are not a FITS space MOC; the message names the byte offset.</exception>
    public static Moc FromFits(ReadOnlySpan<byte> fits) => MocFits.Read(fits);

    /// <summary>Reads a FITS MOC from a stream (read to its end).</summary>
    /// <param name="stream">Source.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The MOC.</returns>
    /// <exception cref="MocFormatException">The content is not a FITS space MOC.</exception>
    public static async Task<Moc> ReadFitsAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return MocFits.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
