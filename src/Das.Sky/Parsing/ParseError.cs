namespace Das.Sky.Parsing;

/// <summary>Why a text is not a valid position or angle: which field, where, and a sentence for the user.</summary>
/// <param name="Field">The field the problem is in.</param>
/// <param name="Index">0-based character index in the input where the problem starts (the input length for
/// "nothing more was found").</param>
/// <param name="Reason">The reason as a sentence without final period, e.g. <c>Dec minutes 61 is out of range 0-59</c>.</param>
public sealed record ParseError(CoordinateField Field, int Index, string Reason)
{
    /// <summary>Gets the short name of <see cref="Field"/> as astronomers write it (RA, Dec, l, b, λ, β, input).</summary>
    public string FieldName => NameOf(Field);

    /// <summary>Short name of a field as used in messages.</summary>
    /// <param name="field">The field.</param>
    /// <returns>RA, Dec, l, b, λ, β or "input".</returns>
    public static string NameOf(CoordinateField field) => field switch
    {
        CoordinateField.Ra => "RA",
        CoordinateField.Dec => "Dec",
        CoordinateField.GalacticLongitude => "l",
        CoordinateField.GalacticLatitude => "b",
        CoordinateField.EclipticLongitude => "λ",
        CoordinateField.EclipticLatitude => "β",
        _ => "input",
    };

    /// <summary>Formats the error as <c>Dec at character 17: Dec minutes 61 is out of range 0-59</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{FieldName} at character {Index}: {Reason}");
}
