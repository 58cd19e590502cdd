namespace Das.Tables.VoTable.Diagnostics;

/// <summary>
/// The diagnostic catalogue. Numbers W01–W55 and E01–E25 mean what the same number means in astropy's
/// io.votable catalogue (so users can look either up); W60+ and E40+ are Das's own. Sections refer to the
/// VOTable 1.5 recommendation.
/// </summary>
public static class VoTableDiagnosticCodes
{
    /// <summary>Array cell separated by commas instead of whitespace (§6).</summary>
    public const string ArrayCommas = "W01";
    /// <summary>Element not known at this place; skipped (§3).</summary>
    public const string UnknownElement = "W10";
    /// <summary>Required <c>name</c> attribute missing (§4).</summary>
    public const string MissingName = "W15";
    /// <summary>TABLE <c>nrows</c> differs from the rows read (§3.1).</summary>
    public const string RowCountMismatch = "W18";
    /// <summary>No <c>version</c> attribute; read as 1.4 (§3).</summary>
    public const string NoVersion = "W20";
    /// <summary>A version other than 1.1–1.5; read on as 1.4 (§3).</summary>
    public const string UnknownVersion = "W21";
    /// <summary>Invalid text for a floating-point cell; the cell is null (§2.1).</summary>
    public const string BadFloat = "W30";
    /// <summary>No XML namespace on VOTABLE (§3).</summary>
    public const string NoNamespace = "W42";
    /// <summary>A char value longer than its fixed arraysize (§2.2).</summary>
    public const string ValueTooLong = "W46";
    /// <summary>Unknown attribute (§4).</summary>
    public const string UnknownAttribute = "W48";
    /// <summary>Empty cell in an integer column; the cell is null (§6).</summary>
    public const string EmptyInteger = "W49";
    /// <summary>Integer out of range for its datatype; the cell is null (§2.1).</summary>
    public const string IntegerOutOfRange = "W51";
    /// <summary>VOTABLE without any RESOURCE (§3).</summary>
    public const string NoResource = "W53";
    /// <summary>Unknown XML namespace on VOTABLE; read on because the structure is recognisable (§3).</summary>
    public const string UnknownNamespace = "W60";
    /// <summary>A STREAM encoding or href that is not supported; the table has no rows (§5).</summary>
    public const string UnsupportedStream = "W61";
    /// <summary>FITS serialization is not read; the table has no rows (§5.3).</summary>
    public const string FitsData = "W62";
    /// <summary>A FIELD or PARAM without datatype; read as char (§4.1).</summary>
    public const string MissingDatatype = "W63";
    /// <summary>QUERY_STATUS=OVERFLOW: the service cut the result at MAXREC (DALI §4.4).</summary>
    public const string Overflow = "W64";
    /// <summary>More repeats of a code than the cap; only a count is kept.</summary>
    public const string Repeats = "W65";
    /// <summary>Wrong number of elements in a fixed array cell; the cell is null (§2.2).</summary>
    public const string ArrayLength = "E02";
    /// <summary>Invalid complex value; the cell is null (§2.1).</summary>
    public const string BadComplex = "E03";
    /// <summary>Invalid bit value; the cell is null (§2.1).</summary>
    public const string BadBit = "E04";
    /// <summary>Invalid boolean value; the cell is null (§2.1).</summary>
    public const string BadBoolean = "E05";
    /// <summary>Unknown datatype; read as char (§2.1).</summary>
    public const string UnknownDatatype = "E06";
    /// <summary>Invalid arraysize; read as a scalar or variable array (§2.2).</summary>
    public const string BadArraySize = "E13";
    /// <summary>Not a VOTable: the root element is something else (§3).</summary>
    public const string NotVoTable = "E19";
    /// <summary>A row with more cells than FIELDs; the extra cells are ignored (§6).</summary>
    public const string TooManyCells = "E20";
    /// <summary>A row with fewer cells than FIELDs; the missing cells are null (§6).</summary>
    public const string TooFewCells = "E21";
    /// <summary>DATA in a TABLE without FIELDs; skipped (§3.1).</summary>
    public const string NoFields = "E25";
    /// <summary>Invalid integer text; the cell is null (§2.1).</summary>
    public const string BadInteger = "E40";
    /// <summary>Invalid base64 in a STREAM; rows decoded so far are kept (§5.1).</summary>
    public const string BadBase64 = "E41";
    /// <summary>The document ended before its end tags (connection cut, truncated file); rows read so far are kept.</summary>
    public const string DocumentEndedEarly = "E42";
    /// <summary>A binary stream ended inside a row; the partial row is dropped (§5.1).</summary>
    public const string BinaryEndedInRow = "E43";
    /// <summary>QUERY_STATUS=ERROR: the service reports that the query failed (DALI §4.4).</summary>
    public const string QueryError = "E44";
    /// <summary>An XML syntax error; reading stopped there.</summary>
    public const string XmlSyntax = "E45";
    /// <summary>A STREAM href could not be resolved or read.</summary>
    public const string HrefFailed = "E46";
    /// <summary>A CSV record with a different number of fields than the header (RFC 4180 §2).</summary>
    public const string CsvFieldCount = "E50";
    /// <summary>A CSV quoted field that never closes (RFC 4180 §2).</summary>
    public const string CsvUnclosedQuote = "E51";
    /// <summary>A CSV value that does not fit the column's type; the cell is null.</summary>
    public const string CsvBadValue = "E52";
    /// <summary>A CSV column widened from integer to floating point or to text after inference.</summary>
    public const string CsvTypeWidened = "W70";

    /// <summary>The VOTable 1.5 section (or other document) a code refers to.</summary>
    public static string? SpecSection(string code) => code switch
    {
        ArrayCommas or EmptyInteger or TooManyCells or TooFewCells => "VOTable 1.5 §6",
        UnknownElement or NoVersion or UnknownVersion or NoNamespace or NoResource or UnknownNamespace or NotVoTable => "VOTable 1.5 §3",
        MissingName or UnknownAttribute => "VOTable 1.5 §4",
        MissingDatatype => "VOTable 1.5 §4.1",
        RowCountMismatch or NoFields => "VOTable 1.5 §3.1",
        BadFloat or IntegerOutOfRange or BadComplex or BadBit or BadBoolean or UnknownDatatype or BadInteger => "VOTable 1.5 §2.1",
        ValueTooLong or ArrayLength or BadArraySize => "VOTable 1.5 §2.2",
        UnsupportedStream or HrefFailed => "VOTable 1.5 §5",
        FitsData => "VOTable 1.5 §5.3",
        BadBase64 or BinaryEndedInRow => "VOTable 1.5 §5.1",
        Overflow or QueryError => "DALI 1.1 §4.4",
        CsvFieldCount or CsvUnclosedQuote => "RFC 4180 §2",
        _ => null,
    };

    /// <summary>The severity a code always has.</summary>
    public static DiagnosticSeverity SeverityOf(string code) =>
        code.Length > 0 && code[0] == 'E' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
}
