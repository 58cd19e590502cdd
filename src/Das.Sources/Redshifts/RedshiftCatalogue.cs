namespace Das.Sources.Redshifts;

/// <summary>Where a set of redshifts comes from: the rows of one catalogue table, as one request returned them.</summary>
/// <param name="Id">The catalogue or table id (a VizieR table id such as <c>J/ApJS/199/26/table3</c>, a TAP table, or the source's title).</param>
/// <param name="Description">What the catalogue is, as its service describes it.</param>
/// <param name="SourceId">The Das source that asked (its catalogue id).</param>
/// <param name="Provenance">The exact request that returned these rows (URL, and the ADQL for TAP).</param>
public sealed record RedshiftCatalogue(string Id, string? Description, string SourceId, string? Provenance);
