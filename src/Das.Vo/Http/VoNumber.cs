using System.Globalization;

namespace Das.Vo.Http;

/// <summary>Numbers as parameter values: invariant culture, shortest round-trip form, finite only.</summary>
internal static class VoNumber
{
    public static string Format(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number");
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>With an explicit sign, as VizieR's -c=ra±dec wants it.</summary>
    public static string FormatSigned(double value, string name)
    {
        var text = Format(value, name);
        return text.StartsWith('-') ? text : "+" + text;
    }

    public static void CheckPosition(double raDeg, double decDeg)
    {
        if (!(raDeg is >= 0 and < 360))
        {
            throw new ArgumentOutOfRangeException(nameof(raDeg), raDeg, "RA must be in [0, 360) degrees");
        }
        if (!(decDeg is >= -90 and <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(decDeg), decDeg, "Dec must be in [-90, 90] degrees");
        }
    }

    public static void CheckRadius(double radiusDeg, string name)
    {
        if (!(radiusDeg is > 0 and <= 180))
        {
            throw new ArgumentOutOfRangeException(name, radiusDeg, $"{name} must be in (0, 180] degrees");
        }
    }
}
