namespace Das.Tables.Tests.VoTable;

/// <summary>The three VOTable data serializations, for theories that run one suite through each.</summary>
public enum Serialization
{
    TableData,
    Binary,
    Binary2,
}
