namespace Das.Sky.CrossMatch;

/// <summary>
/// Receives the candidates of one index query (entries inside the query's Dec band and RA window); the visitor makes
/// the exact separation test. A struct, so the hot loop is specialised rather than a delegate call.
/// </summary>
internal interface ICandidateVisitor
{
    void Visit(int row, double ra, double dec);
}
