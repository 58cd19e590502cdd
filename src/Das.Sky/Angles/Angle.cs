using System.Globalization;

namespace Das.Sky.Angles;

/// <summary>
/// A plane angle stored in degrees, with conversions to radians, hours, arcminutes and arcseconds.
/// </summary>
/// <remarks>
/// Degrees are the storage unit because every archive speaks degrees; the other units are views.
/// Parse single fields (a form's RA box, Dec box) with <see cref="Das.Sky.Parsing.AngleParser"/>.
/// </remarks>
public readonly struct Angle : IEquatable<Angle>, IComparable<Angle>
{
    private const double DegreesPerRadian = 180.0 / Math.PI;

    private Angle(double degrees) => Degrees = degrees;

    /// <summary>Gets the angle in degrees.</summary>
    public double Degrees { get; }

    /// <summary>Gets the angle in radians.</summary>
    public double Radians => Degrees / DegreesPerRadian;

    /// <summary>Gets the angle in hours (15° per hour), as used for right ascension.</summary>
    public double Hours => Degrees / 15.0;

    /// <summary>Gets the angle in arcminutes.</summary>
    public double Arcminutes => Degrees * 60.0;

    /// <summary>Gets the angle in arcseconds.</summary>
    public double Arcseconds => Degrees * 3600.0;

    /// <summary>Gets the zero angle.</summary>
    public static Angle Zero => default;

    /// <summary>Creates an angle from degrees.</summary>
    /// <param name="degrees">The angle in degrees.</param>
    /// <returns>The angle.</returns>
    public static Angle FromDegrees(double degrees) => new(degrees);

    /// <summary>Creates an angle from radians.</summary>
    /// <param name="radians">The angle in radians.</param>
    /// <returns>The angle.</returns>
    public static Angle FromRadians(double radians) => new(radians * DegreesPerRadian);

    /// <summary>Creates an angle from hours (1 h = 15°).</summary>
    /// <param name="hours">The angle in hours.</param>
    /// <returns>The angle.</returns>
    public static Angle FromHours(double hours) => new(hours * 15.0);

    /// <summary>Creates an angle from arcminutes.</summary>
    /// <param name="arcminutes">The angle in arcminutes.</param>
    /// <returns>The angle.</returns>
    public static Angle FromArcminutes(double arcminutes) => new(arcminutes / 60.0);

    /// <summary>Creates an angle from arcseconds.</summary>
    /// <param name="arcseconds">The angle in arcseconds.</param>
    /// <returns>The angle.</returns>
    public static Angle FromArcseconds(double arcseconds) => new(arcseconds / 3600.0);

    /// <summary>Returns this angle wrapped into [0°, 360°).</summary>
    /// <returns>The equivalent angle in [0°, 360°).</returns>
    public Angle WrapTo360()
    {
        double d = Degrees % 360.0;
        if (d < 0)
        {
            d += 360.0;
        }

        // -1e-17 % 360 + 360 rounds to exactly 360.
        return new Angle(d >= 360.0 ? 0.0 : d);
    }

    /// <summary>Adds two angles.</summary>
    /// <param name="left">The first angle.</param>
    /// <param name="right">The second angle.</param>
    /// <returns>The sum.</returns>
    public static Angle operator +(Angle left, Angle right) => new(left.Degrees + right.Degrees);

    /// <summary>Subtracts two angles.</summary>
    /// <param name="left">The first angle.</param>
    /// <param name="right">The angle to subtract.</param>
    /// <returns>The difference.</returns>
    public static Angle operator -(Angle left, Angle right) => new(left.Degrees - right.Degrees);

    /// <summary>Negates an angle.</summary>
    /// <param name="value">The angle.</param>
    /// <returns>The negated angle.</returns>
    public static Angle operator -(Angle value) => new(-value.Degrees);

    /// <summary>Scales an angle.</summary>
    /// <param name="value">The angle.</param>
    /// <param name="factor">The factor.</param>
    /// <returns>The scaled angle.</returns>
    public static Angle operator *(Angle value, double factor) => new(value.Degrees * factor);

    /// <summary>Compares two angles.</summary>
    /// <param name="left">The first angle.</param>
    /// <param name="right">The second angle.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is smaller.</returns>
    public static bool operator <(Angle left, Angle right) => left.Degrees < right.Degrees;

    /// <summary>Compares two angles.</summary>
    /// <param name="left">The first angle.</param>
    /// <param name="right">The second angle.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is larger.</returns>
    public static bool operator >(Angle left, Angle right) => left.Degrees > right.Degrees;

    /// <summary>Compares two angles.</summary>
    /// <param name="left">The first angle.</param>
    /// <param name="right">The second angle.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is smaller or equal.</returns>
    public static bool operator <=(Angle left, Angle right) => left.Degrees <= right.Degrees;

    /// <summary>Compares two angles.</summary>
    /// <param name="left">The first angle.</param>
    /// <param name="right">The second angle.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> is larger or equal.</returns>
    public static bool operator >=(Angle left, Angle right) => left.Degrees >= right.Degrees;

    /// <summary>Tests two angles for exact equality.</summary>
    /// <param name="left">The first angle.</param>
    /// <param name="right">The second angle.</param>
    /// <returns><see langword="true"/> when both hold the same number of degrees.</returns>
    public static bool operator ==(Angle left, Angle right) => left.Equals(right);

    /// <summary>Tests two angles for inequality.</summary>
    /// <param name="left">The first angle.</param>
    /// <param name="right">The second angle.</param>
    /// <returns><see langword="true"/> when the angles differ.</returns>
    public static bool operator !=(Angle left, Angle right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(Angle other) => Degrees.Equals(other.Degrees);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Angle other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Degrees.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Angle other) => Degrees.CompareTo(other.Degrees);

    /// <summary>Formats the angle as sexagesimal hours, e.g. <c>10:41:00.500</c> (wrapped into 0h–24h).</summary>
    /// <param name="decimals">Decimals on the seconds, 0 to 9.</param>
    /// <returns>The text, invariant culture.</returns>
    public string ToHmsString(int decimals = 3) => Sexagesimal.FormatHours(Hours, decimals);

    /// <summary>Formats the angle as signed sexagesimal degrees, e.g. <c>+41:16:07.00</c>.</summary>
    /// <param name="decimals">Decimals on the seconds, 0 to 9.</param>
    /// <returns>The text, invariant culture, sign always written.</returns>
    public string ToDmsString(int decimals = 2) => Sexagesimal.FormatDegrees(Degrees, decimals, alwaysSign: true);

    /// <summary>Formats the angle as decimal degrees, invariant culture, e.g. <c>41.268611°</c>.</summary>
    /// <returns>The angle in degrees with six decimals.</returns>
    public override string ToString() => Degrees.ToString("F6", CultureInfo.InvariantCulture) + "°";
}
