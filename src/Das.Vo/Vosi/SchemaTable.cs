namespace Das.Vo.Vosi;

/// <summary>A table a service publishes, with its columns.</summary>
/// <param name="Name">The table name as written in ADQL (schema.table).</param>
/// <param name="Description">Its description.</param>
/// <param name="Columns">Its columns.</param>
public sealed record SchemaTable(string Name, string? Description, IReadOnlyList<SchemaColumn> Columns);

/// <summary>A published column.</summary>
/// <param name="Name">The column name.</param>
/// <param name="DataType">The VOTable or TAP datatype as published.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Ucd">Its UCD.</param>
/// <param name="Description">Its description.</param>
public sealed record SchemaColumn(string Name, string? DataType, string? Unit, string? Ucd, string? Description);
