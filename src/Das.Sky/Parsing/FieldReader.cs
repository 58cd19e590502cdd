using System.Globalization;

namespace Das.Sky.Parsing;

/// <summary>Turns the one to three numbers of a field (RA, Dec, l, b, λ, β) into degrees, checking every range.</summary>
internal static class FieldReader
{
    /// <summary>Reads a field. Longitudes come back in [0, 360] (RA 24h = 360), latitudes keep a negative zero.</summary>
    public static bool TryRead(
        ReadOnlySpan<char> text,
        ReadOnlySpan<Token> tokens,
        CoordinateField field,
        RaUnit raUnit,
        out double degrees,
        out ParseError? error)
    {
        degrees = 0;
        error = null;
        string name = ParseError.NameOf(field);
        bool isLatitude = field is CoordinateField.Dec or CoordinateField.GalacticLatitude or CoordinateField.EclipticLatitude;

        // Levels: 0 = hours/degrees, 1 = minutes, 2 = seconds. Unmarked numbers take the next level.
        Span<int> levels = stackalloc int[tokens.Length];
        int previous = -1;
        bool anyMarker = false;
        for (int k = 0; k < tokens.Length; k++)
        {
            ref readonly Token t = ref tokens[k];
            int level = t.Unit switch
            {
                TokenUnit.Hours or TokenUnit.Degrees => 0,
                TokenUnit.Minutes => 1,
                TokenUnit.Seconds => 2,
                _ => previous + 1,
            };
            anyMarker |= t.Unit != TokenUnit.None;
            if (t.Unit != TokenUnit.None && level <= previous)
            {
                error = new ParseError(field, t.UnitIndex, string.Create(CultureInfo.InvariantCulture, $"unexpected unit '{text[t.UnitIndex]}' in {name}"));
                return false;
            }

            if (level > 2)
            {
                error = new ParseError(field, t.Start, $"too many numbers in {name} (at most 3)");
                return false;
            }

            if (t.Unit == TokenUnit.Hours && field != CoordinateField.Ra)
            {
                error = new ParseError(field, t.UnitIndex, $"{name} cannot be given in hours");
                return false;
            }

            levels[k] = level;
            previous = level;
        }

        ref readonly Token first = ref tokens[0];
        bool hours = field == CoordinateField.Ra && first.Unit switch
        {
            TokenUnit.Hours => true,
            TokenUnit.Degrees => false,
            _ => raUnit switch
            {
                RaUnit.Hours => true,
                RaUnit.Degrees => false,
                _ => tokens.Length > 1 || anyMarker,
            },
        };

        double major = 0, minutes = 0, seconds = 0;
        for (int k = 0; k < tokens.Length; k++)
        {
            ref readonly Token t = ref tokens[k];
            bool last = k == tokens.Length - 1;
            if (!last && !t.IsInteger)
            {
                string unit = UnitName(levels[k], hours);
                string next = UnitName(levels[k + 1], hours);
                error = new ParseError(field, t.NumberStart, $"{name} {unit} {Show(t.Value)} must be a whole number when {next} follow");
                return false;
            }

            switch (levels[k])
            {
                case 0:
                    major = t.Value;
                    break;
                case 1:
                    if (t.Value >= 60)
                    {
                        error = new ParseError(field, t.NumberStart, $"{name} minutes {Show(t.Value)} is out of range 0-59");
                        return false;
                    }

                    minutes = t.Value;
                    break;
                default:
                    if (t.Value >= 60)
                    {
                        error = new ParseError(field, t.NumberStart, $"{name} seconds {Show(t.Value)} is out of range 0-59");
                        return false;
                    }

                    seconds = t.Value;
                    break;
            }
        }

        double magnitude = major + (minutes / 60.0) + (seconds / 3600.0);
        bool negative = first.Negative;
        string signText = first.HasSign ? (negative ? "-" : "+") : string.Empty;
        ReadOnlySpan<char> raw = text[first.Start..tokens[^1].End];
        bool majorGiven = levels[0] == 0;

        if (isLatitude)
        {
            if (magnitude > 90.0)
            {
                string shown = majorGiven && major > 90.0 ? signText + Show(major) : raw.ToString();
                error = new ParseError(field, first.Start, $"{name} {shown} exceeds ±90°");
                return false;
            }

            degrees = negative ? -magnitude : magnitude;
            return true;
        }

        if (field == CoordinateField.Ra && negative && magnitude != 0)
        {
            error = new ParseError(field, first.Start, $"{name} {raw} is negative");
            return false;
        }

        if (hours)
        {
            if (magnitude > 24.0)
            {
                string shown = majorGiven && major > 24.0 ? Show(major) + "h" : raw.ToString();
                error = new ParseError(field, majorGiven && major > 24.0 ? first.NumberStart : first.Start, $"{name} {shown} exceeds 24h");
                return false;
            }

            degrees = magnitude * 15.0;
            return true;
        }

        if (magnitude > 360.0)
        {
            string shown = majorGiven && major > 360.0 ? signText + Show(major) : raw.ToString();
            error = new ParseError(field, first.Start, $"{name} {shown} exceeds 360°");
            return false;
        }

        // Galactic and ecliptic longitudes may be negative (l = -30° is l = 330°).
        degrees = negative ? 360.0 - magnitude : magnitude;
        return true;
    }

    /// <summary>Formats a number from the input for a message: as short as possible, invariant culture.</summary>
    public static string Show(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string UnitName(int level, bool hours) => level switch
    {
        0 => hours ? "hours" : "degrees",
        1 => "minutes",
        _ => "seconds",
    };
}
