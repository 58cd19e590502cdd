using System.Runtime.InteropServices;

namespace Das.Tables.Columns;

/// <summary>
/// Asks Linux to back the large column chunks with transparent huge pages (2 MiB) where the system allows it
/// (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> = <c>madvise</c> or <c>always</c>). A million-row table fills
/// ~200 MB of fresh memory; with 4 KiB pages that is ~50,000 page faults, which on a VM cost a third of the parse
/// time (measured: 0.5 s of system time for a 213 MB BINARY2 file). With huge pages it is ~100 faults.
/// The advice only concerns how the kernel maps memory: contents, the GC and correctness are unaffected, and any
/// failure (another OS, THP compiled out, <c>never</c>) is ignored.
/// </summary>
internal static class HugePages
{
    /// <summary>Bytes of one huge page on x86-64 and arm64 (4 KiB base pages).</summary>
    internal const int Size = 2 << 20;

    private const int MadvHugePage = 14;
    private const int EInval = 22;
    private static bool _disabled = !OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("DAS_NO_HUGEPAGES") == "1";

    /// <summary>False once a request failed (or off Linux, or with DAS_NO_HUGEPAGES=1): no more requests are made.</summary>
    internal static bool Enabled => !_disabled;

    /// <summary>
    /// Advises huge pages for the 2 MiB-aligned part of <paramref name="array"/>, which must be freshly allocated and
    /// not yet written to (its header page is already touched, so only the aligned interior can get huge pages).
    /// Returns the bytes advised (0 when nothing was).
    /// </summary>
    public static long Advise<T>(T[] array)
        where T : unmanaged
    {
        if (_disabled)
        {
            return 0;
        }
        long bytes = (long)array.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (bytes < 2L * Size)
        {
            return 0;
        }
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            long start = handle.AddrOfPinnedObject();
            // From the first huge-page boundary inside the array to the boundary after its end: the last huge
            // page reaches past the array into heap memory the GC has not handed out yet (zero either way), so the
            // next large chunk, usually placed right after this one, starts in memory already faulted in as a huge page.
            long first = (start + Size - 1) & ~(long)(Size - 1);
            long last = (start + bytes + Size - 1) & ~(long)(Size - 1);
            if (Madvise((nint)first, (nuint)(last - first), MadvHugePage) != 0 && Marshal.GetLastPInvokeError() == EInval)
            {
                _disabled = true; // the kernel has no transparent huge pages: do not ask again
                return 0;
            }
            return last - first;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _disabled = true;
            return 0;
        }
        finally
        {
            handle.Free();
        }
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
