using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sky.Positions;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Web.Results;
using Microsoft.Extensions.Time.Testing;

namespace Das.Web.Tests.Results;

public sealed class RecentOutcomesTests
{
    private static readonly SkyQuery Query = new() { Position = new SkyPosition(334.02, -7.8988) };
    private static readonly SourceDescriptor Public = Source("open", null, ResultKind.Images);
    private static readonly SourceDescriptor Restricted = Source("private", "frb-team", ResultKind.Images);
    private static readonly AccessContext Member = AccessContext.ForGroups("ann", "frb-team");

    private static SourceDescriptor Source(string id, string? group, ResultKind kind) =>
        new() { Id = id, Title = id, Kind = kind, Protocol = "SIA2", Host = "127.0.0.1:9", AccessGroup = group };

    private static SourceOutcome Images(SourceDescriptor source, params string[] urls)
    {
        var table = Table.FromFields([new Field { Name = "access_url", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Ucd = "meta.ref.url" }]);
        foreach (var url in urls)
        {
            ((StringColumn)table.Columns[0]).Append(url);
        }
        return new SourceOutcome { Source = source, Status = OutcomeStatus.Ok, Table = table, Elapsed = TimeSpan.FromMilliseconds(5) };
    }

    [Fact]
    public void A_kept_outcome_is_found_for_the_same_query_and_not_for_another_place()
    {
        using var store = new RecentOutcomes(new ResultsOptions(), TimeProvider.System);
        var outcome = Images(Public, "http://127.0.0.1:9/a.fits");
        store.Record(Query, outcome, AccessContext.Anonymous);
        Assert.Equal("http://127.0.0.1:9/a.fits", store.Find(Query, Public, AccessContext.Anonymous)?.Table?.Columns[0].GetValue(0));
        Assert.Null(store.Find(Query with { Position = new SkyPosition(10, 20) }, Public, AccessContext.Anonymous));
        Assert.Null(store.Find(Query with { FovArcmin = 5 }, Public, AccessContext.Anonymous));
    }

    [Fact]
    public void Restricted_outcomes_and_their_image_urls_reach_members_of_the_group_only()
    {
        using var store = new RecentOutcomes(new ResultsOptions(), TimeProvider.System);
        store.Record(Query, Images(Restricted, "http://127.0.0.1:9/secret.fits"), Member);
        Assert.NotNull(store.Find(Query, Restricted, Member));
        Assert.Null(store.Find(Query, Restricted, AccessContext.Anonymous));
        Assert.Equal("private", store.ImageSource("http://127.0.0.1:9/secret.fits", Member)?.Id);
        Assert.Null(store.ImageSource("http://127.0.0.1:9/secret.fits", AccessContext.Anonymous));
        Assert.Null(store.ImageSource("http://127.0.0.1:9/secret.fits", AccessContext.ForGroups("bob", "other-team")));
    }

    [Fact]
    public void What_a_caller_outside_the_group_was_told_is_never_kept()
    {
        using var store = new RecentOutcomes(new ResultsOptions(), TimeProvider.System);
        var refused = new SourceOutcome { Source = Restricted, Status = OutcomeStatus.Skipped, Elapsed = TimeSpan.Zero, Message = "restricted" };
        store.Record(Query, refused, AccessContext.Anonymous);
        Assert.Equal(0, store.Count);
        Assert.Null(store.Find(Query, Restricted, Member));
    }

    [Fact]
    public void Image_urls_are_known_only_from_image_sources_link_columns_and_until_they_expire()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var store = new RecentOutcomes(new ResultsOptions { Minutes = 30 }, time);
        store.Record(Query, Images(Public, "http://127.0.0.1:9/a.fits", "not a url", "ftp://127.0.0.1/b.fits"), AccessContext.Anonymous);
        store.Record(Query, Images(Source("cat", null, ResultKind.Catalogue), "http://127.0.0.1:9/c.fits"), AccessContext.Anonymous);
        Assert.Equal("open", store.ImageSource("http://127.0.0.1:9/a.fits", AccessContext.Anonymous)?.Id);
        Assert.Null(store.ImageSource("ftp://127.0.0.1/b.fits", AccessContext.Anonymous));
        Assert.Null(store.ImageSource("http://127.0.0.1:9/c.fits", AccessContext.Anonymous));
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(store.ImageSource("http://127.0.0.1:9/a.fits", AccessContext.Anonymous));
        Assert.Null(store.Find(Query, Public, AccessContext.Anonymous));
        Assert.Equal(1, store.Count); // the catalogue's entry expired too, but goes only when it is next looked at
    }

    [Fact]
    public void The_least_recently_used_outcomes_go_first_when_memory_runs_out()
    {
        var sources = Enumerable.Range(0, 4).Select(i => Source("s" + i, null, ResultKind.Catalogue)).ToList();
        var outcomes = sources.Select(s => Images(s)).ToList();
        // Room for three entries of this size (each counts its table's memory and 1 KiB), not four.
        long entry = outcomes.Max(o => o.Table!.AllocatedBytes) + 1024;
        using var store = new RecentOutcomes(new ResultsOptions { MaxMegabytes = 3.5 * entry / 1048576.0 }, TimeProvider.System);
        store.Record(Query, outcomes[0], AccessContext.Anonymous);
        store.Record(Query, outcomes[1], AccessContext.Anonymous);
        store.Record(Query, outcomes[2], AccessContext.Anonymous);
        Assert.NotNull(store.Find(Query, sources[0], AccessContext.Anonymous)); // s0 used: s1 is now the oldest
        store.Record(Query, outcomes[3], AccessContext.Anonymous);
        Assert.Null(store.Find(Query, sources[1], AccessContext.Anonymous));
        Assert.NotNull(store.Find(Query, sources[0], AccessContext.Anonymous));
        Assert.NotNull(store.Find(Query, sources[3], AccessContext.Anonymous));
    }

    [Fact]
    public void A_kept_table_is_frozen_into_bytes_and_found_again_with_the_same_cells_and_truncation()
    {
        using var store = new RecentOutcomes(new ResultsOptions(), TimeProvider.System);
        var table = Table.FromFields([
            new Field { Name = "ra", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
            new Field { Name = "name", DataType = VoDataType.Char, ArraySize = ArraySize.Variable },
            new Field { Name = "n", DataType = VoDataType.Int },
        ]);
        for (int i = 0; i < 500; i++)
        {
            ((ScalarColumn<double>)table.Columns[0]).Append(i * 0.25);
            if (i % 9 == 0)
            {
                table.Columns[1].AppendNull();
            }
            else
            {
                ((StringColumn)table.Columns[1]).Append("α Cen " + i);
            }
            if (i % 4 == 0)
            {
                table.Columns[2].AppendNull();
            }
            else
            {
                ((ScalarColumn<int>)table.Columns[2]).Append(-i);
            }
        }
        table.Truncation = new Truncation(TruncationReason.RowCap, "the archive stopped at 500 rows");
        var outcome = new SourceOutcome { Source = Public, Status = OutcomeStatus.Truncated, Table = table, Elapsed = TimeSpan.FromSeconds(1), Provenance = "http://127.0.0.1:9/sia?POS=1" };
        store.Record(Query, outcome, AccessContext.Anonymous);
        store.FreezeKept();
        var found = store.Find(Query, Public, AccessContext.Anonymous)!;
        Assert.NotSame(table, found.Table); // thawed from the bytes, not the live table
        Assert.Equal((outcome.Status, outcome.Provenance, outcome.Elapsed), (found.Status, found.Provenance, found.Elapsed));
        Assert.Equal(500, found.RowCount);
        Assert.Equal(table.Truncation, found.Table!.Truncation);
        Assert.Equal(["ra", "name", "n"], found.Table.Columns.Select(c => c.Name));
        Assert.Equal("deg", found.Table.Columns[0].Field.Unit);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(table.Columns[c].NullCount, found.Table.Columns[c].NullCount);
            for (int r = 0; r < 500; r++)
            {
                Assert.Equal(table.Columns[c].GetValue(r), found.Table.Columns[c].GetValue(r));
            }
        }
    }
}
