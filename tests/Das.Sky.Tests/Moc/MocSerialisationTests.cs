using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Das.Sky.Moc;
using SkyMoc = Das.Sky.Moc.Moc;

namespace Das.Sky.Tests.Moc;

public sealed class MocSerialisationTests
{
    public enum Serialisation
    {
        Ascii,
        Json,
        Fits,
    }

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Moc", "Fixtures", name);

    private static SkyMoc RoundTrip(SkyMoc moc, Serialisation format) => format switch
    {
        Serialisation.Ascii => SkyMoc.ParseAscii(moc.ToAscii()),
        Serialisation.Json => SkyMoc.ParseJson(moc.ToJson()),
        _ => SkyMoc.FromFits(moc.ToFits()),
    };

    public static TheoryData<Serialisation, string> RoundTripCases()
    {
        var data = new TheoryData<Serialisation, string>();
        string[] mocs =
        [
            "3/1-3 5 8/12-14",
            "3/3 10 4/16-18 22 5/19-20 17/222 28/123456789 29/",
            "1/1-2 4 2/12-14 21 23 25 8/",
            "0/0-11",
            "5/",
            "13/1 100000",
            "14/1 100000",
            "29/0 3458764513820540927",
        ];
        foreach (var format in Enum.GetValues<Serialisation>())
        {
            foreach (var m in mocs)
            {
                data.Add(format, m);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Every_serialisation_round_trips(Serialisation format, string ascii)
    {
        var moc = SkyMoc.ParseAscii(ascii);
        var back = RoundTrip(moc, format);
        Assert.Equal(moc, back);
        Assert.Equal(moc.MaxOrder, back.MaxOrder);
        Assert.Equal(ascii, back.ToAscii());
    }

    [Fact]
    public void Random_mocs_round_trip_through_every_serialisation()
    {
        var rng = new Random(17);
        for (var trial = 0; trial < 40; trial++)
        {
            var order = rng.Next(0, 30);
            var radius = Das.Sky.Healpix.HealpixGrid.MaxPixelRadius(order) * rng.NextDouble() * 20;
            var cone = SkyMoc.FromCone(rng.NextDouble() * 360, (rng.NextDouble() * 180) - 90, radius, order);
            foreach (var format in Enum.GetValues<Serialisation>())
            {
                Assert.Equal(cone, RoundTrip(cone, format));
            }
        }
    }

    [Fact]
    public void Spec_example_string_is_read_as_its_cells()
    {
        var moc = SkyMoc.ParseAscii("3/1-3 5 8/12-14");
        Assert.Equal(8, moc.MaxOrder);
        Assert.Equal(
            [new MocCell(3, 1), new MocCell(3, 2), new MocCell(3, 3), new MocCell(3, 5), new MocCell(8, 12), new MocCell(8, 13), new MocCell(8, 14)],
            moc.ToCells());
    }

    [Fact]
    public void Moc_1_1_commas_and_line_breaks_are_accepted()
    {
        // 2/4 and 2/12-14 lie inside 1/1 and 1/3: redundant cells are merged.
        var moc = SkyMoc.ParseAscii("1/1,3,4\n2/4,25,12-14,21\r\n");
        Assert.Equal("1/1 3-4 2/21 25", moc.ToAscii());
        Assert.Equal(moc, SkyMoc.ParseAscii("s1/1 3-4 s2/21 25"));
        Assert.Equal("1/1-2 4 2/12-14 21 23 25 8/", SkyMoc.ParseAscii("1/1 2 4 2/12-14 21 23 25 8/").ToAscii());
    }

    [Fact]
    public void Json_is_written_in_the_spec_form()
    {
        Assert.Equal("{\"3\":[1,2,3,5],\"8\":[12,13,14]}", SkyMoc.ParseAscii("3/1-3 5 8/12-14").ToJson());
        Assert.Equal("{\"3\":[1,2,3],\"8\":[]}", SkyMoc.ParseAscii("3/1-3 8/").ToJson());
        Assert.Equal("3/1-3 8/12-13", SkyMoc.ParseJson("{\"3\":[1,2,3],\"8\":[12,13]}").ToAscii());
    }

    [Fact]
    public void Fits_uses_32_bit_nuniq_up_to_order_13_and_64_bit_above()
    {
        var narrow = SkyMoc.ParseAscii("13/5").ToFits();
        var wide = SkyMoc.ParseAscii("14/5").ToFits();
        Assert.Contains("TFORM1  = '1J      '", Encoding.ASCII.GetString(narrow), StringComparison.Ordinal);
        Assert.Contains("TFORM1  = '1K      '", Encoding.ASCII.GetString(wide), StringComparison.Ordinal);
        Assert.Equal(0, narrow.Length % 2880);
        Assert.Equal(0, wide.Length % 2880);
        var header = Encoding.ASCII.GetString(wide, 2880, 2880);
        foreach (var card in new[] { "XTENSION= 'BINTABLE'", "MOCVERS = '2.0     '", "MOCDIM  = 'SPACE   '", "ORDERING= 'NUNIQ   '", "COORDSYS= 'C       '", "PCOUNT  =                    0", "GCOUNT  =                    1", "MOCORD_S=                   14" })
        {
            Assert.Contains(card, header, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fits_moc_2_0_written_by_astropy_is_read()
    {
        var moc = SkyMoc.FromFits(File.ReadAllBytes(FixturePath("astropy_moc2.fits")));
        Assert.Equal("3/1-3 5 8/12-14", moc.ToAscii());
    }

    [Fact]
    public void Fits_moc_1_0_with_mocorder_and_32_bit_nuniq_is_read()
    {
        var moc = SkyMoc.FromFits(File.ReadAllBytes(FixturePath("astropy_moc1.fits")));
        Assert.Equal(6, moc.MaxOrder);
        Assert.Equal("0/4 2/100-101 5/2000 6/", moc.ToAscii());
    }

    [Fact]
    public async Task Fits_written_by_das_is_read_by_astropy()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            Assert.Skip("/usr/bin/python3 is not installed (CI has it, with apt python3-astropy)");
        }

        string[] mocs = ["3/1-3 5 8/12-14", "3/3 10 4/16-18 22 5/19-20 17/222 28/123456789 29/", "7/"];
        var paths = mocs.Select(_ => Path.Combine(Path.GetTempPath(), $"das-moc-{Guid.NewGuid():N}.fits")).ToArray();
        try
        {
            for (var i = 0; i < mocs.Length; i++)
            {
                await File.WriteAllBytesAsync(paths[i], SkyMoc.ParseAscii(mocs[i]).ToFits(), TestContext.Current.CancellationToken);
            }

            // One interpreter for all files: importing astropy takes seconds.
            const string script = """
                import sys, json
                try:
                    from astropy.io import fits
                except ImportError:
                    print("NO-ASTROPY"); sys.exit(0)
                out = []
                for path in sys.argv[1:]:
                    with fits.open(path) as f:
                        f.verify('exception')
                        h = f[1].header
                        out.append({'uniq': [int(u) for u in f[1].data['UNIQ']], 'order': h['MOCORD_S'], 'vers': h['MOCVERS'],
                                    'dim': h['MOCDIM'], 'ordering': h['ORDERING'], 'coordsys': h['COORDSYS'], 'tform': h['TFORM1']})
                print(json.dumps(out))
                """;
            var output = await RunAsync(python, ["-c", script, .. paths]);
            if (output.StartsWith("NO-ASTROPY", StringComparison.Ordinal))
            {
                Assert.Skip("/usr/bin/python3 lacks astropy (CI has it: apt python3-astropy)");
            }

            using var doc = JsonDocument.Parse(output);
            var results = doc.RootElement.EnumerateArray().ToArray();
            for (var i = 0; i < mocs.Length; i++)
            {
                var moc = SkyMoc.ParseAscii(mocs[i]);
                var root = results[i];
                Assert.Equal(moc.ToCells().Select(c => c.Uniq), root.GetProperty("uniq").EnumerateArray().Select(e => e.GetInt64()));
                Assert.Equal(moc.MaxOrder, root.GetProperty("order").GetInt32());
                Assert.Equal("2.0", root.GetProperty("vers").GetString());
                Assert.Equal("SPACE", root.GetProperty("dim").GetString());
                Assert.Equal("NUNIQ", root.GetProperty("ordering").GetString());
                Assert.Equal("C", root.GetProperty("coordsys").GetString());
                Assert.Equal(moc.MaxOrder > 13 ? "1K" : "1J", root.GetProperty("tform").GetString());
            }
        }
        finally
        {
            foreach (var path in paths)
            {
                File.Delete(path);
            }
        }
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(p.ExitCode == 0, await stderr);
        return await stdout;
    }
}
