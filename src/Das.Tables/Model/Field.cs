namespace Das.Tables.Model;

/// <summary>
/// The metadata of one column (a VOTable FIELD). PARAM shares every attribute and adds a value (<see cref="Param"/>).
/// </summary>
public record Field
{
    /// <summary>The <c>name</c> attribute (required by the schema; not necessarily unique).</summary>
    public required string Name { get; init; }
    /// <summary>The <c>datatype</c> attribute.</summary>
    public required VoDataType DataType { get; init; }
    /// <summary>The <c>arraysize</c> attribute; <see cref="ArraySize.Scalar"/> when absent.</summary>
    public ArraySize ArraySize { get; init; } = ArraySize.Scalar;
    /// <summary>The <c>ID</c> attribute.</summary>
    public string? Id { get; init; }
    /// <summary>The <c>unit</c> attribute (VOUnits string).</summary>
    public string? Unit { get; init; }
    /// <summary>The <c>ucd</c> attribute (UCD1+), e.g. <c>pos.eq.ra;meta.main</c>.</summary>
    public string? Ucd { get; init; }
    /// <summary>The <c>utype</c> attribute.</summary>
    public string? Utype { get; init; }
    /// <summary>The <c>xtype</c> attribute (timestamp, point, circle, polygon, ...).</summary>
    public string? XType { get; init; }
    /// <summary>The <c>ref</c> attribute, usually naming a COOSYS or TIMESYS.</summary>
    public string? Ref { get; init; }
    /// <summary>The <c>width</c> attribute (display width in characters).</summary>
    public int? Width { get; init; }
    /// <summary>The <c>precision</c> attribute as written (<c>5</c>, <c>F5</c> decimals or <c>E5</c> significant figures).</summary>
    public string? Precision { get; init; }
    /// <summary>The DESCRIPTION element's text.</summary>
    public string? Description { get; init; }
    /// <summary>The VALUES element, when present.</summary>
    public FieldValues? Values { get; init; }
    /// <summary>LINK elements.</summary>
    public IReadOnlyList<Link> Links { get; init; } = [];

    /// <summary>The CLR type one element is held as (string for char and unicodeChar arrays).</summary>
    public Type ElementType => DataType.ClrElementType();

    /// <summary>True when a cell holds text: char or unicodeChar with any arraysize, or a single char.</summary>
    public bool IsText => DataType.IsText() && ArraySize.Rank <= 1;

    /// <summary>True when a cell holds one number or boolean.</summary>
    public bool IsScalar => ArraySize.IsScalar && !DataType.IsText();
}
