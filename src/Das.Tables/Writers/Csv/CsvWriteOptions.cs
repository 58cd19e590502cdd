namespace Das.Tables.Writers.Csv;

/// <summary>Options of <see cref="CsvWriter"/>.</summary>
public sealed record CsvWriteOptions
{
    /// <summary>The options used when none are given.</summary>
    public static readonly CsvWriteOptions Default = new();

    /// <summary>The field separator.</summary>
    /// <value>Default ','. Must not be '"', CR or LF.</value>
    public char Delimiter { get; init; } = ',';

    /// <summary>Write a first row with the column names.</summary>
    /// <value>Default true.</value>
    public bool WriteHeader { get; init; } = true;

    /// <summary>The record separator.</summary>
    /// <value>Default CRLF, as RFC 4180 says; "\n" is accepted.</value>
    public string NewLine { get; init; } = "\r\n";
}
