using System.Globalization;

namespace Das.Tables.Writers;

/// <summary>How non-finite floating-point values are spelled in a text format.</summary>
internal enum NonFiniteSpelling
{
    /// <summary>VOTable TABLEDATA: <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> (VOTable 1.4 section 6).</summary>
    VoTable,
    /// <summary>.NET and Python both parse these: <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.</summary>
    Common,
}

/// <summary>Invariant, shortest round-trip number formatting straight into UTF-8.</summary>
internal static class NumberText
{
    public static void WriteDouble(OutputBuffer output, double value, NonFiniteSpelling spelling)
    {
        if (double.IsFinite(value))
        {
            // .NET Core 3.0+ default formatting is the shortest string that parses back to the same double.
            output.WriteFormatted(value);
            return;
        }
        WriteNonFinite(output, double.IsNaN(value), value > 0, spelling);
    }

    public static void WriteFloat(OutputBuffer output, float value, NonFiniteSpelling spelling)
    {
        if (float.IsFinite(value))
        {
            output.WriteFormatted(value);
            return;
        }
        WriteNonFinite(output, float.IsNaN(value), value > 0, spelling);
    }

    /// <summary>The double as invariant round-trip text (for attributes and metadata).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteNonFinite(OutputBuffer output, bool nan, bool positive, NonFiniteSpelling spelling)
    {
        if (nan)
        {
            output.Write("NaN"u8);
        }
        else if (spelling == NonFiniteSpelling.VoTable)
        {
            output.Write(positive ? "+Inf"u8 : "-Inf"u8);
        }
        else
        {
            output.Write(positive ? "Infinity"u8 : "-Infinity"u8);
        }
    }
}
