using Das.Tables.VoTable;

namespace Das.Tables.Tests.VoTable;

/// <summary>Cut or corrupted bodies must come back as values, never as exceptions.</summary>
public sealed class RobustnessTests
{
    private static readonly byte[] Noise = [(byte)'<', (byte)'>', (byte)'&', (byte)'"', (byte)'/', (byte)' ', (byte)'\n', (byte)'0', (byte)'A', (byte)'=', (byte)'%', 0xFF, 0x00];

    public static TheoryData<string> Files() =>
    [
        "astropy_mixed.td.xml", "astropy_mixed.bin.xml", "astropy_mixed.b2.xml", "stilts_mixed.b2.xml",
        "binary_bits_arrays_unicode.xml", "votable_1_1_namespace.xml", "Dachs/tap_sync_binary.xml", "Dachs/ssa_frb_host.xml",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_cut_of_a_document_is_read_without_throwing(string name)
    {
        var bytes = await File.ReadAllBytesAsync(Fixture.PathOf(name), TestContext.Current.CancellationToken);
        for (int cut = 0; cut < bytes.Length; cut += 7)
        {
            using var stream = new MemoryStream(bytes, 0, cut);
            var result = await VoTableReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(result.Document is not null || result.Failure is not null, $"cut at {cut}");
            if (result.Document?.FirstResultsTable() is { } table && cut < bytes.Length - 30)
            {
                Assert.True(table.IsTruncated || result.Failure is not null || table.RowCount == 0, $"cut at {cut} not flagged");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corrupted_bytes_are_read_without_throwing(string name)
    {
        var original = await File.ReadAllBytesAsync(Fixture.PathOf(name), TestContext.Current.CancellationToken);
        var random = new Random(name.Length);
        for (int i = 0; i < 300; i++)
        {
            var bytes = (byte[])original.Clone();
            for (int k = 0; k < 3; k++)
            {
                bytes[random.Next(bytes.Length)] = Noise[random.Next(Noise.Length)];
            }
            using var stream = new MemoryStream(bytes);
            var result = await VoTableReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(result.Document is not null || result.Failure is not null);
        }
    }
}
