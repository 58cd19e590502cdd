using Das.Tables.Columns;

namespace Das.Tables.Tests.Columns;

public sealed class HugePagesTests
{
    private const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";

    [Fact]
    public void The_aligned_interior_of_a_large_fresh_array_is_advised_and_stays_usable()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Setting))
        {
            Assert.Skip("transparent huge pages are a Linux feature and this kernel has none");
        }
        if (!HugePages.Enabled)
        {
            Assert.Skip("huge page advice is switched off (DAS_NO_HUGEPAGES=1 or an earlier EINVAL)");
        }
        var array = GC.AllocateUninitializedArray<double>(1 << 20); // 8 MiB
        long advised = HugePages.Advise(array);
        // From the first 2 MiB boundary inside the array to the one after its end.
        Assert.InRange(advised, 3L * HugePages.Size, 4L * HugePages.Size);
        Assert.Equal(0, advised % HugePages.Size);
        array.AsSpan().Fill(1.5);
        Assert.Equal(1.5 * array.Length, array.Sum());
    }

    [Fact]
    public void Arrays_smaller_than_two_huge_pages_are_left_alone()
    {
        Assert.Equal(0, HugePages.Advise(new byte[HugePages.Size]));
        Assert.Equal(0, HugePages.Advise(new long[1000]));
    }
}
