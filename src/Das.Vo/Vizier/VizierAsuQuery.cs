using System.Globalization;
using Das.Vo.Http;

namespace Das.Vo.Vizier;

/// <summary>
/// A VizieR ASU cone query (viz-bin/votable): tables, position, radius in arcsec, row limit, the distance column
/// (_r) and full metadata (name, unit, UCD, description), or, without tables, all catalogues that carry a UCD.
/// </summary>
public sealed record VizierAsuQuery
{
    /// <summary>The public endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://vizier.cds.unistra.fr/viz-bin/votable");

    /// <summary>The ASU endpoint.</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;
    /// <summary>Catalogue or table ids (-source), e.g. VIII/65/nvss; empty with <see cref="Ucd"/> to search all catalogues.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>Centre right ascension, ICRS degrees.</summary>
    public required double RaDeg { get; init; }
    /// <summary>Centre declination, ICRS degrees.</summary>
    public required double DecDeg { get; init; }
    /// <summary>Radius in arcseconds (-c.rs).</summary>
    public required double RadiusArcsec { get; init; }
    /// <summary>-out.max (default 50, as astroquery).</summary>
    public long MaxRows { get; init; } = 50;
    /// <summary>Columns (-out), or empty for the default set.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];
    /// <summary>Select catalogues by a column UCD (-ucd), e.g. src.redshift*.</summary>
    public string? Ucd { get; init; }

    /// <summary>Builds the GET request.</summary>
    public VoRequest BuildRequest()
    {
        VoNumber.CheckPosition(RaDeg, DecDeg);
        if (!(RadiusArcsec is > 0 and <= 180 * 3600))
        {
            throw new ArgumentOutOfRangeException(nameof(RadiusArcsec), RadiusArcsec, "the radius must be in (0, 648000] arcsec");
        }
        if (Sources.Count == 0 && Ucd is null)
        {
            throw new ArgumentException("a VizieR query needs at least one -source or a -ucd");
        }
        foreach (var source in Sources)
        {
            if (source.Length == 0 || source.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '&' or '=' or '"' or '\''))
            {
                throw new ArgumentException($"'{source}' is not a VizieR catalogue or table id");
            }
        }
        var parameters = new List<KeyValuePair<string, string>>();
        if (Sources.Count > 0)
        {
            parameters.Add(new("-source", string.Join(',', Sources)));
        }
        if (Ucd is not null)
        {
            parameters.Add(new("-ucd", Ucd));
        }
        parameters.Add(new("-c", VoNumber.Format(RaDeg, "RA") + VoNumber.FormatSigned(DecDeg, "DEC")));
        parameters.Add(new("-c.rs", VoNumber.Format(RadiusArcsec, "radius")));
        parameters.Add(new("-out.max", MaxRows.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("-out.add", "_r"));
        parameters.Add(new("-sort", "_r"));
        parameters.Add(new("-out.meta", "huD"));
        parameters.Add(new("-oc.form", "d"));
        if (Columns.Count > 0)
        {
            parameters.Add(new("-out", string.Join(',', Columns)));
        }
        return new VoRequest(HttpMethod.Get, Endpoint, parameters);
    }
}
