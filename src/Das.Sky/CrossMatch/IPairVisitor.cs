namespace Das.Sky.CrossMatch;

/// <summary>Receives the candidates of one query; a struct so the hot loop is specialised, not a delegate call.</summary>
internal interface IPairVisitor
{
    void Visit(int rowB, double separationRad);
}
