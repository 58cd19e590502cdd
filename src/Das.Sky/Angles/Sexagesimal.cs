using System.Globalization;

namespace Das.Sky.Angles;

/// <summary>
/// Writes angles as sexagesimal text (<c>10:41:00.500</c>, <c>+41:16:07.00</c>), rounding once on the
/// smallest printed unit so that 59.9999 s carries into the next minute instead of printing <c>60.000</c>.
/// </summary>
internal static class Sexagesimal
{
    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>Largest number of decimals on the seconds field.</summary>
    public const int MaxDecimals = 9;

    /// <summary>Formats hours as <c>hh:mm:ss.sss</c>, wrapping 24h to 0h after rounding.</summary>
    public static string FormatHours(double hours, int decimals)
    {
        ValidateDecimals(decimals);
        long scale = PowersOfTen[decimals];
        long perDay = 24L * 3600L * scale;
        long ticks = (long)Math.Round(hours * 3600.0 * scale, MidpointRounding.AwayFromZero) % perDay;
        if (ticks < 0)
        {
            ticks += perDay;
        }

        return Compose(ticks, scale, decimals, sign: null, leadingWidth: 2);
    }

    /// <summary>Formats degrees as <c>±dd:mm:ss.ss</c> (sign always written when <paramref name="alwaysSign"/>).</summary>
    public static string FormatDegrees(double degrees, int decimals, bool alwaysSign, int leadingWidth = 2)
    {
        ValidateDecimals(decimals);
        long scale = PowersOfTen[decimals];
        bool negative = degrees < 0 || (degrees == 0 && double.IsNegative(degrees));
        long ticks = (long)Math.Round(Math.Abs(degrees) * 3600.0 * scale, MidpointRounding.AwayFromZero);
        char? sign = negative && ticks != 0 ? '-' : alwaysSign ? '+' : null;
        return Compose(ticks, scale, decimals, sign, leadingWidth);
    }

    private static string Compose(long ticks, long scale, int decimals, char? sign, int leadingWidth)
    {
        long fraction = ticks % scale;
        long totalSeconds = ticks / scale;
        long seconds = totalSeconds % 60;
        long minutes = totalSeconds / 60 % 60;
        long major = totalSeconds / 3600;
        var inv = CultureInfo.InvariantCulture;
        string text = string.Create(inv, $"{major.ToString("D" + leadingWidth.ToString(inv), inv)}:{minutes:D2}:{seconds:D2}");
        if (decimals > 0)
        {
            text += "." + fraction.ToString("D" + decimals.ToString(inv), inv);
        }

        return sign is { } s ? s + text : text;
    }

    private static void ValidateDecimals(int decimals)
    {
        if ((uint)decimals > MaxDecimals)
        {
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "Use 0 to 9 decimals on the seconds.");
        }
    }
}
