using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.Csv;

/// <summary>Options of <see cref="CsvReader"/>.</summary>
public sealed record CsvReaderOptions
{
    /// <summary>The default options: comma, header row, types inferred.</summary>
    public static readonly CsvReaderOptions Default = new();

    /// <summary>The field separator.</summary>
    /// <value>',' by default; any ASCII character except '"', CR and LF.</value>
    public char Delimiter { get; init; } = ',';

    /// <summary>True when the first record names the columns.</summary>
    /// <value>True by default; otherwise columns are called col1, col2, ...</value>
    public bool HasHeader { get; init; } = true;

    /// <summary>
    /// Column types by name (long, double, boolean or char; others are read as their nearest); columns not listed
    /// are inferred from the first <see cref="InferenceRows"/> rows as long, double, boolean or text, and widened
    /// later (long to double, anything to text) with a <c>W70</c> diagnostic if a later value does not fit.
    /// </summary>
    public IReadOnlyDictionary<string, VoDataType>? ColumnTypes { get; init; }

    /// <summary>Rows looked at to infer column types.</summary>
    /// <value>10000 by default; at least 1.</value>
    public int InferenceRows { get; init; } = 10_000;

    /// <summary>Stop after this many rows and mark the table truncated.</summary>
    /// <value>Null (no cap) by default.</value>
    public long? MaxRows { get; init; }

    /// <summary>Stop after this many bytes and mark the table truncated.</summary>
    /// <value>Null (no cap) by default.</value>
    public long? MaxBytes { get; init; }

    /// <summary>What to do with malformed records.</summary>
    /// <value><see cref="VoTableStrictness.Warn"/> by default.</value>
    public VoTableStrictness Strictness { get; init; } = VoTableStrictness.Warn;

    /// <summary>How many diagnostics of one code are kept.</summary>
    /// <value>10 by default.</value>
    public int MaxDiagnosticsPerCode { get; init; } = 10;

    /// <summary>Parse columns on two threads for large inputs.</summary>
    /// <value>True by default.</value>
    public bool UseMultipleCores { get; init; } = true;

    /// <summary>Hand the rows over in batches as they are read instead of keeping them (see <see cref="Model.RowBatches"/>).</summary>
    /// <value>Null by default: every row is kept in the table of the result.</value>
    public RowBatches? RowBatches { get; init; }
}
