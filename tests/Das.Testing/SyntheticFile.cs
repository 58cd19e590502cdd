using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Das.Testing;

/// <summary>
/// A file of any size whose bytes are computed from their offset (xorshift per 64 KiB block), so a 500 MB download
/// can be served and checked without ever holding it in memory. With <see cref="Fits"/> it starts with a valid
/// 2880-byte FITS header (BITPIX 8, one axis) and its length is a multiple of 2880.
/// </summary>
public sealed record SyntheticFile
{
    private const int Block = 65536;
    private readonly byte[] _header = [];

    /// <summary>A file of <paramref name="length"/> pseudo-random bytes from <paramref name="seed"/>.</summary>
    public SyntheticFile(long length, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        Seed = seed;
    }

    private SyntheticFile(long length, ulong seed, byte[] header) : this(length, seed) => _header = header;

    /// <summary>Size in bytes.</summary>
    public long Length { get; }

    /// <summary>The seed the bytes come from.</summary>
    public ulong Seed { get; }

    /// <summary>True when the file is a FITS file.</summary>
    public bool Fits => _header.Length > 0;

    /// <summary>A FITS file of at least <paramref name="approximateLength"/> bytes (rounded up to a multiple of 2880).</summary>
    public static SyntheticFile FitsFile(long approximateLength, ulong seed)
    {
        var length = Math.Max(2, (approximateLength + 2879) / 2880) * 2880;
        var cards = new[]
        {
            Card("SIMPLE", "T"), Card("BITPIX", "8"), Card("NAXIS", "1"),
            Card("NAXIS1", (length - 2880).ToString(CultureInfo.InvariantCulture)), "END",
        };
        var header = Encoding.ASCII.GetBytes(string.Concat(cards.Select(c => c.PadRight(80))).PadRight(2880));
        return new SyntheticFile(length, seed, header);
    }

    /// <summary>The bytes at <paramref name="offset"/>, as many as <paramref name="destination"/> holds (or up to the end).</summary>
    public int Fill(long offset, Span<byte> destination)
    {
        var count = (int)Math.Min(destination.Length, Math.Max(0, Length - offset));
        var done = 0;
        var block = ArrayPool<byte>.Shared.Rent(Block);
        try
        {
            while (done < count)
            {
                var at = offset + done;
                var index = at / Block;
                var within = (int)(at % Block);
                Generate(index, block.AsSpan(0, Block));
                var n = Math.Min(Block - within, count - done);
                block.AsSpan(within, n).CopyTo(destination[done..]);
                // The FITS header overrides the first bytes.
                for (var i = 0; i < n && at + i < _header.Length; i++)
                {
                    destination[done + i] = _header[at + i];
                }
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
        return count;
    }

    /// <summary>The SHA-256 of the whole file, lower-case hex, computed in blocks.</summary>
    public string Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long at = 0; at < Length;)
            {
                var n = Fill(at, buffer.AsSpan(0, 1 << 20));
                hash.AppendData(buffer, 0, n);
                at += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The SHA-256 of a file on disk, lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private void Generate(long index, Span<byte> block)
    {
        var state = SplitMix(Seed ^ (ulong)index * 0x9E3779B97F4A7C15UL) | 1;
        for (var i = 0; i < block.Length; i += 8)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            BinaryPrimitives.WriteUInt64LittleEndian(block[i..], state);
        }
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static string Card(string key, string value) => key.PadRight(8) + "= " + value.PadLeft(20);
}
