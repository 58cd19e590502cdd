using System.Numerics;
using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Tests.Interop;

/// <summary>
/// Seeded random tables with every datatype, scalar and array shapes, about 15% nulls, non-finite floats and
/// text in Greek, Cyrillic, CJK, emoji and C0 controls: the input of the round-trip property tests.
/// </summary>
internal static class RandomTables
{
    private const string Ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 <>&\"'.,;:!?/-_=+()[]{}#%";
    private static readonly string[] NonAscii =
    [
        "α", "β", "γ", "Ω", "λ", "д", "Ж", "Я", "щ", "星", "雲", "銀", "河", "観", "é", "ü", "ñ", "ø", "✨", "😀", "🔭", "🌌",
    ];

    /// <summary>Every kind of column the model holds: (name, datatype, arraysize, unit, ucd).</summary>
    public static readonly (string Name, VoDataType Type, string? Size, string? Unit, string? Ucd)[] Specs =
    [
        ("flag", VoDataType.Boolean, null, null, "meta.code"),
        ("bitflag", VoDataType.Bit, null, null, "meta.code"),
        ("ub", VoDataType.UnsignedByte, null, null, "meta.number"),
        ("s", VoDataType.Short, null, null, "meta.number"),
        ("i", VoDataType.Int, null, null, "meta.record"),
        ("l", VoDataType.Long, null, null, "meta.id"),
        ("f", VoDataType.Float, null, "mag", "phot.mag;em.opt.V"),
        ("d", VoDataType.Double, null, "deg", "pos.eq.ra;meta.main"),
        ("fc", VoDataType.FloatComplex, null, null, "meta.number"),
        ("dc", VoDataType.DoubleComplex, null, null, "meta.number"),
        ("name", VoDataType.Char, "*", null, "meta.id"),
        ("code", VoDataType.Char, "8", null, "meta.code"),
        ("letter", VoDataType.Char, null, null, "meta.code"),
        ("label", VoDataType.Char, "*", null, "meta.note"),
        ("uname", VoDataType.UnicodeChar, "*", null, "meta.id"),
        ("ufix", VoDataType.UnicodeChar, "6", null, "meta.note"),
        ("ia", VoDataType.Int, "3", null, "meta.number"),
        ("da", VoDataType.Double, "*", "km/s", "phys.veloc"),
        ("fa", VoDataType.Float, "2x*", "deg", "pos.eq.ra"),
        ("sa", VoDataType.Short, "2x2", null, "meta.number"),
        ("ba", VoDataType.Boolean, "3", null, "meta.code"),
        ("bits", VoDataType.Bit, "5", null, "meta.code"),
        ("la", VoDataType.Long, "*", null, "meta.id"),
        ("uba", VoDataType.UnsignedByte, "4", null, "meta.number"),
        ("dca", VoDataType.DoubleComplex, "2", null, "meta.number"),
    ];

    public static Table Create(int seed, int rows, string? name = null)
    {
        var rng = new Random(seed);
        var columns = new List<Column>();
        foreach (var (colName, type, size, unit, ucd) in Specs)
        {
            var field = new Field
            {
                Name = colName,
                DataType = type,
                ArraySize = ArraySize.Parse(size),
                Unit = unit,
                Ucd = ucd,
                Description = $"random {type} column «{colName}»",
            };
            var column = Column.Create(field);
            for (int row = 0; row < rows; row++)
            {
                if (rng.NextDouble() < 0.15)
                {
                    column.AppendNull();
                }
                else
                {
                    AppendRandom(rng, column);
                }
            }
            columns.Add(column);
        }
        return new Table(columns) { Name = name ?? $"random_{seed}", Description = $"seed {seed}" };
    }

    private static void AppendRandom(Random rng, Column column)
    {
        var field = column.Field;
        int n = field.ArraySize.IsScalar ? 1
            : field.ArraySize.IsVariable ? rng.Next(0, 5) * field.ArraySize.FixedElementCount
            : field.ArraySize.FixedElementCount;
        bool fixedArray = !field.ArraySize.IsScalar && !field.ArraySize.IsVariable;
        switch (column)
        {
            case StringColumn s: s.Append(RandomText(rng, field)); break;
            case ScalarColumn<bool> c: c.Append(rng.Next(2) == 1); break;
            case ScalarColumn<byte> c: c.Append((byte)rng.Next(256)); break;
            case ScalarColumn<short> c: c.Append((short)rng.Next(short.MinValue, short.MaxValue + 1)); break;
            case ScalarColumn<int> c: c.Append(RandomInt(rng)); break;
            case ScalarColumn<long> c: c.Append(RandomLong(rng)); break;
            case ScalarColumn<float> c: c.Append((float)RandomDouble(rng)); break;
            case ScalarColumn<double> c: c.Append(RandomDouble(rng)); break;
            case ScalarColumn<Complex> c: c.Append(new Complex(RandomFinite(rng), RandomFinite(rng))); break;
            case ArrayColumn<bool> c: c.Append(Enumerable.Range(0, n).Select(_ => rng.Next(2) == 1).ToArray()); break;
            // Fixed integer arrays with nulls get the type's minimum (255 for bytes) as VALUES null: keep it out of the data.
            case ArrayColumn<byte> c: c.Append(Enumerable.Range(0, n).Select(_ => (byte)rng.Next(fixedArray ? 255 : 256)).ToArray()); break;
            case ArrayColumn<short> c: c.Append(Enumerable.Range(0, n).Select(_ => (short)rng.Next(short.MinValue + 1, short.MaxValue + 1)).ToArray()); break;
            case ArrayColumn<int> c: c.Append(Enumerable.Range(0, n).Select(_ => Math.Max(int.MinValue + 1, RandomInt(rng))).ToArray()); break;
            case ArrayColumn<long> c: c.Append(Enumerable.Range(0, n).Select(_ => RandomLong(rng)).ToArray()); break;
            case ArrayColumn<float> c: c.Append(Enumerable.Range(0, n).Select(_ => (float)RandomDouble(rng)).ToArray()); break;
            case ArrayColumn<double> c: c.Append(Enumerable.Range(0, n).Select(_ => RandomDouble(rng)).ToArray()); break;
            case ArrayColumn<Complex> c: c.Append(Enumerable.Range(0, n).Select(_ => new Complex(RandomFinite(rng), RandomFinite(rng))).ToArray()); break;
            default: throw new InvalidOperationException(column.GetType().Name);
        }
    }

    private static int RandomInt(Random rng) => rng.Next(10) switch
    {
        0 => int.MaxValue,
        1 => int.MinValue,
        2 => 0,
        _ => rng.Next(int.MinValue, int.MaxValue),
    };

    private static long RandomLong(Random rng) => rng.Next(10) switch
    {
        0 => long.MaxValue,
        1 => long.MinValue + 1,
        _ => rng.NextInt64(long.MinValue, long.MaxValue),
    };

    private static double RandomDouble(Random rng) => rng.Next(20) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        _ => RandomFinite(rng),
    };

    private static double RandomFinite(Random rng) => rng.Next(8) switch
    {
        0 => 0.1,
        1 => -0.0 + 1e-300 * rng.NextDouble(),
        2 => 1e300 * rng.NextDouble(),
        3 => Math.Round(rng.NextDouble() * 360, 6),
        _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-10, 10)),
    };

    private static string RandomText(Random rng, Field field)
    {
        bool unicode = field.DataType == VoDataType.UnicodeChar || field.Name == "label";
        bool bmpOnly = field.Name == "ufix";
        int max = field.ArraySize.IsScalar ? 1 : field.ArraySize.IsVariable ? 12 : field.ArraySize.Dimensions[0];
        int length = field.ArraySize.IsScalar ? 1 : rng.Next(0, max + 1);
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            string piece = !unicode || rng.Next(3) == 0
                ? Ascii[rng.Next(field.ArraySize.IsScalar ? 52 : Ascii.Length)].ToString()
                : field.Name == "uname" && rng.Next(12) == 0 ? "\u0001"
                : NonAscii[rng.Next(bmpOnly ? NonAscii.Length - 3 : NonAscii.Length)];
            if (sb.Length + piece.Length > length)
            {
                break;
            }
            sb.Append(piece);
        }
        // No leading or trailing blanks: XML readers and CSV readers may trim them.
        return sb.ToString().Trim();
    }
}
