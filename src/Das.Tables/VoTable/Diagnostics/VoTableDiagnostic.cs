namespace Das.Tables.VoTable.Diagnostics;

/// <summary>
/// One numbered parser diagnostic: a deviation from the VOTable (or CSV) rules, where it was found and what the reader
/// did about it. Codes follow the numbering of astropy's io.votable warning catalogue where the meaning is the same
/// (W…: warnings, E…: errors); codes from W60 and E40 on are Das's own. See <see cref="VoTableDiagnosticCodes"/>.
/// </summary>
public sealed record VoTableDiagnostic
{
    /// <summary>The code, e.g. <c>W49</c> or <c>E40</c>.</summary>
    public required string Code { get; init; }
    /// <summary>Warning or error.</summary>
    public required DiagnosticSeverity Severity { get; init; }
    /// <summary>A sentence for the user, naming the offending value.</summary>
    public required string Message { get; init; }
    /// <summary>The section of the VOTable 1.5 recommendation (or RFC 4180 for CSV) the rule comes from, e.g. "2.6".</summary>
    public string? SpecSection { get; init; }
    /// <summary>1-based line in the document, when known (0 otherwise).</summary>
    public int Line { get; init; }
    /// <summary>1-based column (byte in the line) in the document, when known (0 otherwise).</summary>
    public int Column { get; init; }
    /// <summary>Byte offset in the document, or in the decoded binary stream for BINARY/BINARY2 data (-1 when unknown).</summary>
    public long ByteOffset { get; init; } = -1;
    /// <summary>0-based data row the problem is in, or -1 when it is not about a cell.</summary>
    public long Row { get; init; } = -1;
    /// <summary>The FIELD name (column) the problem is in, or null.</summary>
    public string? FieldName { get; init; }

    /// <summary>A one-line rendering: <c>W49 (line 12, column 5; row 3, field 'mag'): ...</c>.</summary>
    public override string ToString()
    {
        var where = new List<string>(3);
        if (Line > 0)
        {
            where.Add(FormattableString.Invariant($"line {Line}, column {Column}"));
        }
        else if (ByteOffset >= 0)
        {
            where.Add(FormattableString.Invariant($"byte {ByteOffset}"));
        }
        if (Row >= 0)
        {
            where.Add(FormattableString.Invariant($"row {Row}"));
        }
        if (FieldName is not null)
        {
            where.Add($"field '{FieldName}'");
        }
        string position = where.Count == 0 ? "" : " (" + string.Join("; ", where) + ")";
        return $"{Code}{position}: {Message}";
    }
}
