using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Vo.Vizier;

/// <summary>A VizieR table near the position that carries a redshift column (UCD src.redshift).</summary>
/// <param name="TableId">The VizieR table id (e.g. J/ApJS/199/26/table3).</param>
/// <param name="Description">The table's (or its catalogue's) description.</param>
/// <param name="Table">The rows returned.</param>
/// <param name="Redshift">The redshift column.</param>
/// <param name="RedshiftError">The redshift error column (UCD stat.error;src.redshift), when present.</param>
/// <param name="Distance">The distance-from-centre column (_r, arcmin by default), when present.</param>
public sealed record VizierRedshiftTable(string TableId, string? Description, Table Table, Column Redshift, Column? RedshiftError, Column? Distance);
