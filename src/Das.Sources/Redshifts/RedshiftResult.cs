using System.Globalization;
using Das.Engine.Execution;
using Das.Engine.Sources;
using Das.Tables.Model;
using Das.Tables.Writers;

namespace Das.Sources.Redshifts;

/// <summary>A finished redshift search: every contributor's outcome and the joined table, nearest first.</summary>
/// <param name="Search">What was asked.</param>
/// <param name="Contributors">One outcome per source asked, in catalogue order.</param>
/// <param name="Table">Every redshift found, nearest first.</param>
public sealed record RedshiftResult(RedshiftSearch Search, IReadOnlyList<SourceOutcome> Contributors, Table Table)
{
    /// <summary>Orders the outcomes as the contributors were listed and joins their tables.</summary>
    public static RedshiftResult From(RedshiftSearch search, IReadOnlyList<IDataSource> contributors, IReadOnlyList<SourceOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(contributors);
        ArgumentNullException.ThrowIfNull(outcomes);
        var order = contributors.Select((c, i) => (c.Descriptor.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var sorted = outcomes.OrderBy(o => order.GetValueOrDefault(o.Source.Id, int.MaxValue)).ToList();
        var table = RedshiftTable.Merge(sorted.Select(o => o.Table).OfType<Table>(), Describe(search));
        return new RedshiftResult(search, sorted, table);
    }

    /// <summary>"Redshifts within 30 arcsec of RA 334.02, Dec -7.8988".</summary>
    public static string Describe(RedshiftSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return string.Create(CultureInfo.InvariantCulture,
            $"Redshifts within {search.RadiusArcsec} arcsec of {(search.TargetName is { Length: > 0 } n ? n + " at " : "")}RA {search.Position.Ra:0.######}, Dec {search.Position.Dec:+0.######;-0.######}");
    }

    /// <summary>
    /// The result as one VOTable: a RESOURCE holding the joined table, its QUERY_STATUS (OVERFLOW when a contributor
    /// was cut short, ERROR only when every contributor failed), and one INFO per contributor with its status,
    /// message and the request it sent.
    /// </summary>
    public VoTableDocument ToDocument()
    {
        var infos = Contributors.SelectMany(o => new[]
        {
            new Info { Name = "contributor", Value = o.Source.Id, Content = $"{o.Status}: {o.Summary}" },
            o.Provenance is { } p ? new Info { Name = "provenance", Value = o.Source.Id, Content = p } : null,
        }).OfType<Info>().ToList();
        bool allFailed = Contributors.Count > 0 && Contributors.All(o => o.Status is OutcomeStatus.Failed or OutcomeStatus.TimedOut);
        var status = allFailed ? QueryStatus.Error : Table.Truncation is not null ? QueryStatus.Overflow : QueryStatus.Ok;
        return MultiSourceDocument.Create(
        [
            new SourceTable
            {
                SourceId = "redshifts",
                Table = Table,
                Status = status,
                Message = allFailed ? string.Join("; ", Contributors.Select(o => o.Message)) : null,
                Description = Describe(Search),
                Infos = infos,
            },
        ], "Das redshift search: " + Describe(Search));
    }
}
