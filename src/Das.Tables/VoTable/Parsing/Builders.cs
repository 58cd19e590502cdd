using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.VoTable.Parsing;

/// <summary>A RESOURCE being read; built into the immutable <see cref="Resource"/> at the end (or when reading stops).</summary>
internal sealed class ResourceBuilder
{
    public string? Name, Id, Utype, Description;
    public string Type = "results";
    public readonly List<Info> Infos = [];
    public readonly List<Param> Params = [];
    public readonly List<CoordinateSystem> CoordinateSystems = [];
    public readonly List<TimeSystem> TimeSystems = [];
    public readonly List<Group> Groups = [];
    public readonly List<Link> Links = [];
    public readonly List<TableBuilder> Tables = [];
    public readonly List<ResourceBuilder> Resources = [];

    public Resource Build() => new()
    {
        Name = Name,
        Id = Id,
        Type = Type,
        Utype = Utype,
        Description = Description,
        Infos = [.. Infos],
        Params = [.. Params],
        CoordinateSystems = [.. CoordinateSystems],
        TimeSystems = [.. TimeSystems],
        Groups = [.. Groups],
        Links = [.. Links],
        Tables = [.. Tables.Select(t => t.Build())],
        Resources = [.. Resources.Select(r => r.Build())],
    };
}

/// <summary>A TABLE being read.</summary>
internal sealed class TableBuilder
{
    public string? Name, Id, Ucd, Utype, Ref, Description;
    public long? DeclaredRowCount;
    public readonly List<Field> Fields = [];
    public readonly List<Param> Params = [];
    public readonly List<Info> Infos = [];
    public readonly List<Group> Groups = [];
    public readonly List<Link> Links = [];
    public ColumnSlot[]? Slots;
    public Truncation? Truncation;

    /// <summary>Hands the rows over in batches, when the reader was asked to.</summary>
    public RowBatcher? Batcher;

    public Table Build()
    {
        // Rows read since the last batch (a document that ended early included) are handed over too.
        if (Batcher is not null && Slots is not null)
        {
            Batcher.Flush(Slots);
        }
        IEnumerable<Column> columns = Slots is null ? Fields.Select(Column.Create) : Slots.Select(s => s.Column);
        var table = new Table(columns)
        {
            Name = Name,
            Id = Id,
            Ucd = Ucd,
            Utype = Utype,
            Ref = Ref,
            Description = Description,
            DeclaredRowCount = DeclaredRowCount,
            Params = [.. Params],
            Infos = [.. Infos],
            Groups = [.. Groups],
            Links = [.. Links],
            Truncation = Truncation,
        };
        table.TrimToCompleteRows();
        return table;
    }
}
