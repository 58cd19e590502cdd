using Das.Tables.Model;

namespace Das.Vo.Vizier;

/// <summary>Reading VizieR's ASU answers: one RESOURCE per catalogue, one TABLE per table.</summary>
public static class VizierAnswers
{
    /// <summary>Every table of the answer that has a column whose UCD is src.redshift (not its error), with that column.</summary>
    public static IReadOnlyList<VizierRedshiftTable> TablesWithRedshift(VoTableDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var found = new List<VizierRedshiftTable>();
        foreach (var resource in Flatten(document.Resources))
        {
            foreach (var table in resource.Tables)
            {
                var redshift = table.Columns.FirstOrDefault(c => IsRedshift(c.Field.Ucd, error: false));
                if (redshift is null)
                {
                    continue;
                }
                var error = table.Columns.FirstOrDefault(c => IsRedshift(c.Field.Ucd, error: true));
                var distance = table.FindColumn("_r");
                found.Add(new VizierRedshiftTable(table.Name ?? table.Id ?? resource.Name ?? "?", table.Description ?? resource.Description, table, redshift, error, distance));
            }
        }
        return found;
    }

    private static bool IsRedshift(string? ucd, bool error)
    {
        var words = Ucd.Words(ucd);
        bool hasRedshift = words.Any(w => w.StartsWith("src.redshift", StringComparison.Ordinal));
        bool isError = words.Any(w => w.StartsWith("stat.error", StringComparison.Ordinal));
        return hasRedshift && isError == error;
    }

    private static IEnumerable<Resource> Flatten(IEnumerable<Resource> resources) =>
        resources.SelectMany(r => new[] { r }.Concat(Flatten(r.Resources)));
}
