using System.Diagnostics;
using System.Numerics;
using System.Text.Json;
using Das.Tables.Columns;

namespace Das.Tables.Tests.VoTable;

/// <summary>
/// Reads fixtures with astropy (Debian's /usr/bin/python3) and compares every cell with ours. Nulls compare equal to
/// astropy's masked values, NaN and empty strings (we treat an empty text cell as null in every serialization).
/// </summary>
public sealed class AstropyComparisonTests
{
    private const string Python = "/usr/bin/python3";

    private const string Dump = """
        import json, math, sys, warnings
        warnings.simplefilter("ignore")
        import numpy as np
        from astropy.io.votable import parse
        t = parse(sys.argv[1]).get_first_table()
        a = t.array
        def conv(v, m):
            if isinstance(m, (bool, np.bool_)) and m:
                return None
            if isinstance(v, np.ma.MaskedArray) or (isinstance(v, np.ndarray) and v.ndim > 0):
                mm = np.ma.getmaskarray(v)
                return [conv(x, bool(y)) for x, y in zip(np.asarray(v).tolist(), mm.tolist())]
            if isinstance(v, (bytes, np.bytes_)):
                v = v.decode("utf-8")
            if isinstance(v, str):
                return v if v != "" else None
            if isinstance(v, (complex, np.complexfloating)):
                return None if math.isnan(v.real) and math.isnan(v.imag) else [v.real, v.imag]
            if isinstance(v, (float, np.floating)):
                return None if math.isnan(v) else float(v)
            if isinstance(v, (bool, np.bool_)):
                return bool(v)
            if isinstance(v, (int, np.integer)):
                return int(v)
            return str(v)
        out = []
        for j, name in enumerate(a.dtype.names):
            col = a[name]
            vals = []
            for i in range(len(col)):
                v = col[i]
                if v is np.ma.masked:
                    vals.append(None)
                else:
                    vals.append(conv(v, False))
            out.append(vals)
        print(json.dumps(out))
        """;

    public static TheoryData<string> Files() =>
    [
        "astropy_mixed.td.xml", "astropy_mixed.bin.xml", "astropy_mixed.b2.xml",
        "stilts_mixed.td.xml", "stilts_mixed.bin.xml", "stilts_mixed.b2.xml",
        "votable_1_1_namespace.xml", "base64_split_quartets.xml",
        "Dachs/tap_sync_binary.xml", "Dachs/tap_sync_binary2.xml", "Dachs/tap_sync_tabledata.xml",
        "Dachs/scs_frb_field.xml", "Dachs/sia1_frb_field.xml", "Dachs/ssa_frb_host.xml",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_cell_matches_astropy(string name)
    {
        Assert.SkipUnless(File.Exists(Python) && HasAstropy(), "astropy is not installed for /usr/bin/python3");
        var truth = RunAstropy(Fixture.PathOf(name));
        var table = (await Fixture.ReadAsync(name)).FirstTable();
        int checkedCells = 0;
        Assert.Equal(truth.GetArrayLength(), table.Columns.Count);
        for (int c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            var values = truth[c];
            Assert.Equal(values.GetArrayLength(), column.Count);
            for (int row = 0; row < column.Count; row++)
            {
                AssertCell(values[row], column, row, name);
                checkedCells++;
            }
        }
        Assert.True(checkedCells > 0);
    }

    private static void AssertCell(JsonElement expected, Column column, int row, string file)
    {
        string where = $"{file}: {column.Name}[{row}]";
        object? ours = column.GetValue(row);
        bool allNull = expected.ValueKind == JsonValueKind.Array && expected.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Null);
        if (expected.ValueKind == JsonValueKind.Null || (allNull && ours is null))
        {
            Assert.True(ours is null || ours is string { Length: 0 }, $"{where}: astropy null, ours {ours}");
            return;
        }
        Assert.True(ours is not null, $"{where}: ours null, astropy {expected}");
        switch (ours)
        {
            case string s:
                Assert.Equal(expected.GetString(), s);
                break;
            case bool b:
                Assert.Equal(expected.GetBoolean(), b);
                break;
            case double d:
                Assert.Equal(expected.GetDouble(), d);
                break;
            case float f:
                Assert.Equal((float)expected.GetDouble(), f);
                break;
            case Complex c:
                Assert.Equal(new Complex(expected[0].GetDouble(), expected[1].GetDouble()), c);
                break;
            case Array array:
                Assert.Equal(expected.GetArrayLength(), array.Length);
                for (int i = 0; i < array.Length; i++)
                {
                    var e = expected[i];
                    object? o = array.GetValue(i);
                    if (e.ValueKind == JsonValueKind.Null)
                    {
                        Assert.True(o is double.NaN or float.NaN, $"{where}[{i}]");
                    }
                    else
                    {
                        Assert.Equal(e.GetDouble(), Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
                break;
            default:
                Assert.Equal(expected.GetInt64(), Convert.ToInt64(ours, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool HasAstropy()
    {
        using var p = Process.Start(new ProcessStartInfo(Python, ["-c", "import astropy"]) { RedirectStandardError = true });
        p!.WaitForExit();
        return p.ExitCode == 0;
    }

    private static JsonElement RunAstropy(string path)
    {
        var info = new ProcessStartInfo(Python, ["-c", Dump, path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
