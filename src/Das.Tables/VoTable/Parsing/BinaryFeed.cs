using System.Buffers;
using System.Buffers.Text;

namespace Das.Tables.VoTable.Parsing;

/// <summary>The decoded bytes of a STREAM: inline base64 text or an href target.</summary>
internal abstract class BinaryFeed
{
    /// <summary>Set when the bytes could not be decoded past some point (bad base64).</summary>
    public string? DataError { get; protected set; }

    /// <summary>Absolute document offset of a data error, when known.</summary>
    public long DataErrorOffset { get; protected set; } = -1;

    /// <summary>True when the document (or href stream) ended before the stream's end.</summary>
    public bool EndedEarly { get; protected set; }

    /// <summary>Reads decoded bytes into <paramref name="destination"/>; 0 at the end of the stream.</summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken);
}

/// <summary>
/// Base64 text inside STREAM, read from the document window in large blocks with the vectorised decoder;
/// whitespace (line breaks) between or inside quartets is skipped.
/// </summary>
internal sealed class InlineBase64Feed(InputBuffer input) : BinaryFeed
{
    private readonly InputBuffer _in = input;
    private bool _done;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (!_done)
        {
            int written = DecodeAvailable(destination.Span, out bool needMore);
            if (written > 0)
            {
                return written;
            }
            if (_done)
            {
                break;
            }
            if (needMore && !await _in.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                EndedEarly = true;
                _done = true;
            }
        }
        return 0;
    }

    private int DecodeAvailable(Span<byte> destination, out bool needMore)
    {
        needMore = false;
        var data = _in.Data;
        int pos = _in.Position, end = _in.End;
        int lt = data.AsSpan(pos, end - pos).IndexOf((byte)'<');
        bool final = lt >= 0;
        int srcEnd = final ? pos + lt : end;
        int total = 0;
        while (pos < srcEnd)
        {
            var src = data.AsSpan(pos, srcEnd - pos);
            var status = Base64.DecodeFromUtf8(src, destination[total..], out int consumed, out int written, isFinalBlock: false);
            pos += consumed;
            total += written;
            if (status == OperationStatus.Done)
            {
                break;
            }
            if (status == OperationStatus.DestinationTooSmall)
            {
                _in.Position = pos;
                return total;
            }
            src = data.AsSpan(pos, srcEnd - pos);
            int skip = 0;
            while (skip < src.Length && NumberText.IsSpace(src[skip]))
            {
                skip++;
            }
            if (skip > 0)
            {
                pos += skip;
                continue;
            }
            if (src.IsEmpty)
            {
                break;
            }
            // A quartet split by whitespace, padding, or a bad character.
            int used = DecodeSplitQuartet(src, destination[total..], final, out int quartetBytes);
            if (used == 0)
            {
                if (destination.Length - total < 3 && total > 0)
                {
                    _in.Position = pos;
                    return total;
                }
                break; // need more text for the quartet
            }
            if (used < 0)
            {
                DataError = $"invalid base64 character '{(char)src[0]}' (0x{src[0]:X2})";
                DataErrorOffset = _in.BaseOffset + pos;
                _in.Position = final ? srcEnd : end;
                _done = true;
                SkippingNeeded = !final;
                return total;
            }
            pos += used;
            total += quartetBytes;
        }
        _in.Position = pos;
        if (final)
        {
            if (!data.AsSpan(pos, srcEnd - pos).Trim(" \t\r\n"u8).IsEmpty)
            {
                DataError = "the base64 text ends with an incomplete group of characters";
                DataErrorOffset = _in.BaseOffset + pos;
            }
            _in.Position = srcEnd;
            _done = true;
            return total;
        }
        needMore = total == 0;
        return total;
    }

    /// <summary>True when a data error left base64 text before the end tag that must be skipped.</summary>
    public bool SkippingNeeded { get; private set; }

    /// <summary>Decodes one quartet whose characters are separated by whitespace. Returns text bytes used, 0 when more text is needed, -1 when invalid.</summary>
    private static int DecodeSplitQuartet(ReadOnlySpan<byte> src, Span<byte> destination, bool final, out int written)
    {
        written = 0;
        Span<byte> quartet = stackalloc byte[4];
        int n = 0, i = 0;
        while (i < src.Length && n < 4)
        {
            byte b = src[i];
            if (!NumberText.IsSpace(b))
            {
                if (!IsBase64(b))
                {
                    return -1;
                }
                quartet[n++] = b;
            }
            i++;
        }
        if (n < 4)
        {
            return final && n > 0 ? -1 : 0;
        }
        if (destination.Length < 3)
        {
            return 0;
        }
        if (Base64.DecodeFromUtf8(quartet, destination, out _, out written, isFinalBlock: true) != OperationStatus.Done)
        {
            return -1;
        }
        return i;
    }

    private static bool IsBase64(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'+' or (byte)'/' or (byte)'=';

    /// <summary>After a data error the rest of the base64 text must still be skipped up to the end tag.</summary>
    public async ValueTask SkipRestAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int lt = _in.Data.AsSpan(_in.Position, _in.End - _in.Position).IndexOf((byte)'<');
            if (lt >= 0)
            {
                _in.Position += lt;
                return;
            }
            _in.Position = _in.End;
            if (!await _in.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}

/// <summary>Bytes of an href target (already gunzipped or base64-decoded by stream wrappers).</summary>
internal sealed class StreamFeed(Stream stream) : BinaryFeed
{
    private readonly Stream _stream = stream;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            return await _stream.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            EndedEarly = true;
            DataError = ex.Message;
            return 0;
        }
        catch (FormatException ex)
        {
            DataError = ex.Message;
            return 0;
        }
    }
}
