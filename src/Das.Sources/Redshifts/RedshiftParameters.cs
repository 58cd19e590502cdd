using System.Globalization;
using Das.Engine.Queries;
using Das.Sky.Positions;

namespace Das.Sources.Redshifts;

/// <summary>
/// The parameters of a redshift search as links and the API write them: <c>RA</c>, <c>DEC</c> (any notation
/// <see cref="QueryParameters"/> reads), <c>RADIUS</c> in arcsec, or <c>NAME</c> to resolve. Names are
/// case-insensitive; parsing never throws: each problem names its parameter.
/// </summary>
public sealed record RedshiftParameters
{
    /// <summary>The position, when RA and DEC were given and read.</summary>
    public SkyPosition? Position { get; init; }

    /// <summary>The object name to resolve when no position was given.</summary>
    public string? Name { get; init; }

    /// <summary>The radius, arcsec.</summary>
    public double RadiusArcsec { get; init; } = RedshiftSearch.DefaultRadiusArcsec;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<QueryParameterError> Errors { get; init; } = [];

    /// <summary>True when a search can be made (a position or a name, no errors).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The search at a known position (typed, or the one <see cref="Name"/> resolved to).</summary>
    public RedshiftSearch ToSearch(SkyPosition position, string? resolvedName = null) =>
        new() { Position = position, RadiusArcsec = RadiusArcsec, TargetName = resolvedName ?? Name };

    /// <summary>Reads the parameters; <paramref name="ignored"/> names parameters the caller handles itself (format ...).</summary>
    public static RedshiftParameters Parse(IEnumerable<KeyValuePair<string, string?>> parameters, params string[] ignored)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var pairs = parameters.Where(p => !ignored.Contains(p.Key.Trim(), StringComparer.OrdinalIgnoreCase)).ToList();
        var errors = new List<QueryParameterError>();
        foreach (var key in pairs.Select(p => p.Key.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal)
            .Where(k => k is not ("RA" or "DEC" or "NAME" or "RADIUS")))
        {
            errors.Add(new(Show(key), $"unknown parameter {Show(key)} (known: RA, DEC, NAME, RADIUS)"));
        }
        // Position and name are read exactly as a query reads them, so both accept the same notations.
        var where = QueryParameters.Parse(pairs.Where(p => p.Key.Trim().ToUpperInvariant() is "RA" or "DEC" or "NAME"));
        errors.AddRange(where.Errors);
        double radius = RedshiftSearch.DefaultRadiusArcsec;
        var radii = pairs.Where(p => p.Key.Trim().Equals("RADIUS", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value?.Trim() ?? "").ToList();
        if (radii.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            errors.Add(new("RADIUS", $"RADIUS is given {radii.Count} times with different values"));
        }
        else if (radii.Count > 0 && radii[0].Length > 0)
        {
            if (!double.TryParse(radii[0], NumberStyles.Float, CultureInfo.InvariantCulture, out radius) || !double.IsFinite(radius))
            {
                errors.Add(new("RADIUS", $"RADIUS '{Show(radii[0])}' is not a number (arcsec)"));
                radius = RedshiftSearch.DefaultRadiusArcsec;
            }
            else if (radius <= 0 || radius > RedshiftSearch.MaxRadiusArcsec)
            {
                errors.Add(new("RADIUS", string.Create(CultureInfo.InvariantCulture,
                    $"RADIUS {radius} arcsec is out of range: it must be above 0 and at most {RedshiftSearch.MaxRadiusArcsec} arcsec")));
                radius = RedshiftSearch.DefaultRadiusArcsec;
            }
        }
        return new RedshiftParameters { Position = where.Position, Name = where.Name, RadiusArcsec = radius, Errors = errors };
    }

    private static string Show(string text) => new(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
