using System.Runtime.InteropServices;
using Das.Tables.Model;

namespace Das.Tables.Storage;

/// <summary>
/// A table kept for later as one block of bytes outside the garbage-collected heap (<see cref="StoredTable"/>: a
/// BINARY2 VOTable, which our reader reads back exactly) instead of its object graph. A server that keeps thousands of answers for a while
/// (for their downloads) would otherwise keep hundreds of thousands of objects (tables, columns, fields, strings),
/// which every collection traced and copied: 50 MB of kept outcomes made one collection pause the server for 100 ms.
/// </summary>
/// <remarks>
/// Managed arrays were tried. Ordinary ones are still copied from generation to generation (a 77 ms collection with
/// 36 MB promoted). Pinned ones are never copied, but their allocations count towards a budget of their own, which a
/// burst of kept answers used up: the run's only collection was then a 70 ms blocking collection of generation 2.
/// The owner disposes the table when it lets it go; a thaw in progress keeps the memory until it is done (and a
/// table never disposed is freed by its finalizer).
/// </remarks>
public sealed class FrozenTable : IDisposable
{
    private readonly NativeBlock _block;
    private readonly Truncation? _truncation;

    private FrozenTable(NativeBlock block, Truncation? truncation)
    {
        _block = block;
        _truncation = truncation;
    }

    /// <summary>Bytes held.</summary>
    public long Bytes => (long)_block.ByteLength;

    /// <summary>Writes <paramref name="table"/> into a new frozen table (the table itself is not changed).</summary>
    public static FrozenTable Freeze(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var buffer = new MemoryStream();
        StoredTable.Write(buffer, table);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var block = new NativeBlock(bytes.Length);
        block.WriteSpan(0, bytes);
        return new FrozenTable(block, table.Truncation);
    }

    /// <summary>A new table with the frozen one's metadata and cells (and its truncation, which VOTable does not hold).</summary>
    /// <exception cref="ObjectDisposedException">The frozen table was disposed.</exception>
    /// <exception cref="InvalidDataException">The bytes do not read back (they always should).</exception>
    public Table Thaw()
    {
        bool held = false;
        try
        {
            _block.DangerousAddRef(ref held); // throws ObjectDisposedException once disposed
            using var input = new UnmanagedMemoryStream(_block, 0, (long)_block.ByteLength);
            var table = StoredTable.Read(input);
            table.Truncation = _truncation;
            return table;
        }
        finally
        {
            if (held)
            {
                _block.DangerousRelease();
            }
        }
    }

    /// <summary>Lets the bytes go (at once, or when the last thaw in progress ends).</summary>
    public void Dispose() => _block.Dispose();

    /// <summary>Memory from the native allocator, freed when the last reference to the handle is released.</summary>
    private sealed class NativeBlock : SafeBuffer
    {
        public NativeBlock(int length)
            : base(ownsHandle: true)
        {
            SetHandle(Marshal.AllocHGlobal(Math.Max(1, length)));
            Initialize((ulong)length);
        }

        protected override bool ReleaseHandle()
        {
            Marshal.FreeHGlobal(handle);
            return true;
        }
    }
}
