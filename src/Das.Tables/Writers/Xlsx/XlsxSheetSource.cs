using Das.Tables.Model;

namespace Das.Tables.Writers.Xlsx;

/// <summary>One sheet to write: its wanted name, its table (null for a failed source) and the source, if any.</summary>
internal sealed record XlsxSheetSource(string Name, Table? Table, SourceTable? Source);
