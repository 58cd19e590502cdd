namespace Das.Tables.Model;

/// <summary>A COOSYS element: the celestial frame that position columns refer to through <c>ref</c>.</summary>
public sealed record CoordinateSystem
{
    /// <summary>The <c>ID</c> attribute that FIELD <c>ref</c> points at.</summary>
    public required string Id { get; init; }
    /// <summary>The <c>system</c> attribute: ICRS, eq_FK5, eq_FK4, galactic, ecl_FK5, ...</summary>
    public string System { get; init; } = "eq_FK5";
    /// <summary>The <c>equinox</c> attribute, e.g. J2000 or B1950.</summary>
    public string? Equinox { get; init; }
    /// <summary>The <c>epoch</c> attribute, e.g. J2016.0.</summary>
    public string? Epoch { get; init; }
    /// <summary>The <c>refposition</c> attribute (VOTable 1.4+).</summary>
    public string? RefPosition { get; init; }
}
