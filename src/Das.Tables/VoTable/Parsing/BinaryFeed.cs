using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            var status = Base64.DecodeFromUtf8(src, destination[total..], out int consumed, out int written, isFinalBlock: final);
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
            // Whitespace inside a quartet, padding, or a bad character: strip whitespace from a slice and decode that.
            int used = DecodeStripped(src, srcEnd - pos == src.Length && final, destination[total..], out int strippedBytes, out bool invalid);
            if (invalid)
            {
                DataError = $"invalid base64 text near '{TextCells.Shorten(src[..Math.Min(src.Length, 12)])}'";
                DataErrorOffset = _in.BaseOffset + pos;
                _in.Position = final ? srcEnd : end;
                _done = true;
                SkippingNeeded = !final;
                return total;
            }
            pos += used;
            total += strippedBytes;
            if (used == 0)
            {
                if (total > 0)
                {
                    _in.Position = pos;
                    return total;
                }
                break; // need more text
            }
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

    /// <summary>
    /// Decodes up to 64 KiB of text after removing whitespace. Returns the text bytes consumed (0 when more text or
    /// more room is needed); <paramref name="invalid"/> when the text is not base64.
    /// </summary>
    private static int DecodeStripped(ReadOnlySpan<byte> src, bool isLast, Span<byte> destination, out int written, out bool invalid)
    {
        written = 0;
        invalid = false;
        int take = Math.Min(src.Length, 64 * 1024);
        bool all = take == src.Length && isLast;
        var slice = src[..take];
        byte[] scratch = ArrayPool<byte>.Shared.Rent(take);
        try
        {
            int n = 0;
            foreach (byte b in slice)
            {
                if (!NumberText.IsSpace(b))
                {
                    scratch[n++] = b;
                }
            }
            int usable = all ? n : n & ~3;
            int room = destination.Length / 3 * 4;
            if (usable > room)
            {
                usable = room;
            }
            if (usable == 0)
            {
                if (all && n == 0)
                {
                    return take;
                }
                return 0;
            }
            var status = Base64.DecodeFromUtf8(scratch.AsSpan(0, usable), destination, out int consumed, out written, isFinalBlock: all && usable == n);
            if (status == OperationStatus.InvalidData || (consumed == 0 && written == 0))
            {
                invalid = status == OperationStatus.InvalidData || all;
                return 0;
            }
            // Map the consumed non-whitespace characters back to text bytes.
            int seen = 0, i = 0;
            while (i < slice.Length && seen < consumed)
            {
                if (!NumberText.IsSpace(slice[i]))
                {
                    seen++;
                }
                i++;
            }
            if (all && consumed == n)
            {
                i = take;
            }
            return i;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

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
