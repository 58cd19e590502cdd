using System.Globalization;

namespace Das.Sources.Protocols;

/// <summary>Numbers in archive URLs: invariant culture always, shortest round-trip form unless an API documents another.</summary>
internal static class UrlNumber
{
    /// <summary>The shortest text that reads back as the same double (334.02, -7.8988, 0.016666666666666666).</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Fixed decimals, for APIs whose documented examples use them (Gemini's ra=334.020000).</summary>
    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="decimals"/> decimals, without trailing zeros (a radius of 60 arcsec is "60").</summary>
    public static string Short(double value, int decimals) => Math.Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
}
