using System.Globalization;
using Das.Sky.Parsing;
using Das.Sky.Positions;

namespace Das.Engine.Queries;

/// <summary>
/// A query as the service's links write it: <c>RA, DEC, FOV, ERR, NAME, CAT, VIZ, IMG</c>
/// (<c>?RA=307.888365&amp;DEC=-7.088342&amp;FOV=2&amp;ERR=10</c>, <c>?CAT=ZTF&amp;CAT=FINK&amp;IMG=0</c>). Parsing never
/// throws: each bad value becomes a <see cref="QueryParameterError"/> naming its parameter, so a form can show every
/// problem under its own field at once.
/// </summary>
public sealed record QueryParameters
{
    /// <summary>Longest accepted object name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Widest accepted field of view, arcmin (10°: a wider cone is not a targeted look).</summary>
    public const double MaxFovArcmin = 600;

    /// <summary>Largest accepted error radius, arcsec (5°: FRB localisations from single dishes reach a degree or more).</summary>
    public const double MaxErrArcsec = 18_000;

    /// <summary>The position, when RA and DEC were given and read.</summary>
    public SkyPosition? Position { get; init; }

    /// <summary>The object name (NAME), to resolve when no RA/DEC was given.</summary>
    public string? Name { get; init; }

    /// <summary>Field of view, arcmin.</summary>
    public double FovArcmin { get; init; } = SkyQuery.DefaultFovArcmin;

    /// <summary>Error radius, arcsec.</summary>
    public double ErrArcsec { get; init; } = SkyQuery.DefaultErrArcsec;

    /// <summary>The sources asked.</summary>
    public SourceSelection Selection { get; init; } = SourceSelection.Default;

    /// <summary>Every problem found, one per parameter value.</summary>
    public IReadOnlyList<QueryParameterError> Errors { get; init; } = [];

    /// <summary>True when the parameters can make a query (a position or a name to resolve, and no errors).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The query at a known position (typed, or the one <see cref="Name"/> resolved to).</summary>
    public SkyQuery ToQuery(SkyPosition position, string? resolvedName = null) => new()
    {
        Position = position,
        TargetName = resolvedName ?? Name,
        FovArcmin = FovArcmin,
        ErrArcsec = ErrArcsec,
        Selection = Selection,
    };

    /// <summary>Reads the parameters (names case-insensitive; CAT may repeat; VIZ takes a comma-separated list and may repeat).</summary>
    public static QueryParameters Parse(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<QueryParameterError>();
        var pairs = parameters.ToList();
        var values = pairs
            .GroupBy(p => p.Key.Trim().ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Value?.Trim() ?? "").ToList(), StringComparer.Ordinal);

        foreach (var key in values.Keys.Where(k => k is not ("RA" or "DEC" or "FOV" or "ERR" or "NAME" or "CAT" or "VIZ" or "IMG")))
        {
            // The name is the caller's text too: echo it short and printable, like the values.
            errors.Add(new(Show(key), $"unknown parameter {Show(key)} (known: RA, DEC, FOV, ERR, NAME, CAT, VIZ, IMG)"));
        }

        var ra = Single(values, "RA", errors);
        var dec = Single(values, "DEC", errors);
        var name = Single(values, "NAME", errors);
        SkyPosition? position = null;
        if (!string.IsNullOrEmpty(ra) || !string.IsNullOrEmpty(dec))
        {
            position = ReadPosition(ra, dec, LeadingBlanks(pairs, "RA"), LeadingBlanks(pairs, "DEC"), errors);
        }
        else if (string.IsNullOrEmpty(name))
        {
            errors.Add(new("RA", "give RA and DEC, or NAME"));
        }
        if (name is { Length: > 0 } && (name.Length > MaxNameLength || name.Any(char.IsControl)))
        {
            errors.Add(new("NAME", $"an object name must be at most {MaxNameLength} printable characters"));
        }

        double fov = Number(values, "FOV", SkyQuery.DefaultFovArcmin, MaxFovArcmin, "arcmin", errors);
        double err = Number(values, "ERR", SkyQuery.DefaultErrArcsec, MaxErrArcsec, "arcsec", errors);
        return new QueryParameters
        {
            Position = position,
            Name = string.IsNullOrEmpty(name) ? null : name,
            FovArcmin = fov,
            ErrArcsec = err,
            Selection = ReadSelection(values, errors),
            Errors = errors,
        };
    }

    /// <summary>Reads a URL query string (<c>?RA=..&amp;DEC=..</c>).</summary>
    public static QueryParameters ParseQueryString(string queryString) => Parse(SplitQueryString(queryString));

    /// <summary>A URL query string as parameters in order (repeats kept, + and %xx decoded).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> SplitQueryString(string queryString)
    {
        ArgumentNullException.ThrowIfNull(queryString);
        return queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? "" : pair[(eq + 1)..];
            return new KeyValuePair<string, string?>(Unescape(key), Unescape(value));
        });
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string? Single(Dictionary<string, List<string>> values, string key, List<QueryParameterError> errors)
    {
        if (!values.TryGetValue(key, out var list))
        {
            return null;
        }
        if (list.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            errors.Add(new(key, $"{key} is given {list.Count} times with different values"));
        }
        return list[0];
    }

    // Values are read trimmed, but a character index must point into the value as the caller typed it.
    private static int LeadingBlanks(List<KeyValuePair<string, string?>> pairs, string key) => pairs
        .Where(p => string.Equals(p.Key.Trim(), key, StringComparison.OrdinalIgnoreCase))
        .Select(p => p.Value ?? "")
        .Select(v => v.Length - v.TrimStart().Length)
        .FirstOrDefault();

    private static SkyPosition? ReadPosition(string? ra, string? dec, int raBlanks, int decBlanks, List<QueryParameterError> errors)
    {
        if (string.IsNullOrEmpty(ra))
        {
            errors.Add(new("RA", "RA is missing (DEC was given)"));
            return null;
        }
        if (string.IsNullOrEmpty(dec))
        {
            errors.Add(new("DEC", "DEC is missing (RA was given)"));
            return null;
        }
        var raResult = AngleParser.ParseRa(ra);
        var decResult = AngleParser.ParseDec(dec);
        if (!raResult.Success)
        {
            var error = raResult.Error! with { Index = raResult.Error!.Index + raBlanks };
            errors.Add(new("RA", error.ToString()) { Index = error.Index });
        }
        if (!decResult.Success)
        {
            var error = decResult.Error! with { Index = decResult.Error!.Index + decBlanks };
            errors.Add(new("DEC", error.ToString()) { Index = error.Index });
        }
        return raResult.Success && decResult.Success ? new SkyPosition(raResult.Angle.Degrees, decResult.Angle.Degrees) : null;
    }

    private static double Number(Dictionary<string, List<string>> values, string key, double fallback, double max, string unit, List<QueryParameterError> errors)
    {
        var text = Single(values, key, errors);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(new(key, $"{key} '{Show(text)}' is not a number ({unit})"));
            return fallback;
        }
        if (value <= 0 || value > max)
        {
            errors.Add(new(key, string.Create(CultureInfo.InvariantCulture, $"{key} {value} {unit} is out of range: it must be above 0 and at most {max} {unit}")));
            return fallback;
        }
        return value;
    }

    private static SourceSelection ReadSelection(Dictionary<string, List<string>> values, List<QueryParameterError> errors)
    {
        bool defaults = true;
        var named = new List<string>();
        if (values.TryGetValue("CAT", out var cats))
        {
            defaults = false;
            bool none = false;
            foreach (var cat in cats.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (cat == "0")
                {
                    none = true;
                    continue;
                }
                if (cat.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase))
                {
                    defaults = true;
                }
                else if (IsSourceName(cat))
                {
                    named.Add(cat);
                }
                else
                {
                    errors.Add(new("CAT", $"CAT '{Show(cat)}' is not a source name (letters, digits and . _ - / + only)"));
                }
            }
            // CAT=0 may come alone or inside a list (CAT=0,ZTF): either way it contradicts any other value.
            if (none && (defaults || named.Count > 0))
            {
                errors.Add(new("CAT", "CAT=0 (no catalogues) cannot be combined with other CAT values"));
            }
        }
        var vizier = new List<string>();
        foreach (var viz in values.GetValueOrDefault("VIZ", []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (IsSourceName(viz))
            {
                vizier.Add(viz);
            }
            else
            {
                errors.Add(new("VIZ", $"VIZ '{Show(viz)}' is not a VizieR catalogue name or id"));
            }
        }
        bool images = true;
        if (Single(values, "IMG", errors) is { Length: > 0 } img)
        {
            images = img switch
            {
                "0" => false,
                "1" => true,
                _ when img.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase) => true,
                _ => Invalid(errors, "IMG", $"IMG '{Show(img)}' must be 0 (no images), 1 or DEFAULT"),
            };
        }
        return new SourceSelection
        {
            DefaultCatalogues = defaults,
            Catalogues = [.. named.Distinct(StringComparer.OrdinalIgnoreCase)],
            VizierCatalogues = [.. vizier.Distinct(StringComparer.OrdinalIgnoreCase)],
            Images = images,
        };
    }

    private static bool Invalid(List<QueryParameterError> errors, string key, string message)
    {
        errors.Add(new(key, message));
        return true;
    }

    /// <summary>Source ids, aliases and VizieR ids: letters, digits and a few separators, never quotes or spaces.</summary>
    public static bool IsSourceName(string text) =>
        text.Length is > 0 and <= 80 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or '+');

    // Values are echoed in messages; keep them short and printable (the browser escapes them as well).
    private static string Show(string text) =>
        new(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

/// <summary>One problem with one parameter.</summary>
/// <param name="Parameter">The parameter (RA, DEC, FOV, ERR, NAME, CAT, VIZ, IMG or the unknown name).</param>
/// <param name="Message">What is wrong, in a sentence.</param>
public sealed record QueryParameterError(string Parameter, string Message)
{
    /// <summary>For RA and DEC, the character where the value went wrong.</summary>
    public int? Index { get; init; }
}
