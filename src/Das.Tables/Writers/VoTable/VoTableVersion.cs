namespace Das.Tables.Writers.VoTable;

/// <summary>The VOTable versions Das writes. Both use the namespace <c>http://www.ivoa.net/xml/VOTable/v1.3</c>, as the standard requires.</summary>
public enum VoTableVersion
{
    /// <summary>VOTable 1.4 (IVOA Recommendation 2019): what STILTS votlint 3.4 and astropy 5.x validate.</summary>
    Version14,
    /// <summary>VOTable 1.5 (IVOA Recommendation 2025): same elements as written by Das; older validators only know up to 1.4.</summary>
    Version15,
}
