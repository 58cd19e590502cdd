using System.Text;

namespace Das.Tables.VoTable.Parsing;

/// <summary>Interned strings for the VOTable element and attribute names, so metadata parsing does not allocate them.</summary>
internal static class ElementNames
{
    private static readonly string[] Known =
    [
        "VOTABLE", "RESOURCE", "TABLE", "FIELD", "PARAM", "INFO", "DESCRIPTION", "VALUES", "MIN", "MAX", "OPTION",
        "LINK", "GROUP", "FIELDref", "PARAMref", "DATA", "TABLEDATA", "BINARY", "BINARY2", "FITS", "STREAM", "TR", "TD",
        "COOSYS", "TIMESYS", "DEFINITIONS", "name", "ID", "datatype", "arraysize", "width", "precision", "unit", "ucd",
        "utype", "xtype", "ref", "value", "null", "version", "type", "href", "encoding", "nrows", "system", "equinox",
        "epoch", "refposition", "timeorigin", "timescale", "content-role", "content-type", "title", "action",
        "inclusive", "xmlns", "actuate", "extnum", "html", "HTML",
    ];

    public static string Get(ReadOnlySpan<byte> utf8)
    {
        foreach (var known in Known)
        {
            if (known.Length == utf8.Length && Matches(known, utf8))
            {
                return known;
            }
        }
        return Encoding.UTF8.GetString(utf8);
    }

    private static bool Matches(string known, ReadOnlySpan<byte> utf8)
    {
        for (int i = 0; i < utf8.Length; i++)
        {
            if (known[i] != utf8[i])
            {
                return false;
            }
        }
        return true;
    }
}
