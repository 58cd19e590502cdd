using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Testing;

namespace Das.Sources.Tests.Gemini;

public sealed class GeminiProtocolTests : FakeArchiveTests
{
    // The selection travels in the path, so every query is a different path under jsonsummary.
    private const string Path = "jsonsummary/notengineering/NotFail/ra=334.020000/dec=-7.898800/sr=84.853";
    private IDataSource _source = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _source = Source(maxRows: 500);
    }

    private IDataSource Source(long maxRows) => Harness.Build(new SourceDefinition
    {
        Id = "gemini",
        Title = "Gemini",
        Kind = "images",
        Protocol = "gemini",
        Endpoint = Server.Url("jsonsummary").AbsoluteUri,
        MaxRows = maxRows,
        BudgetSeconds = 10,
    });

    private Task<SourceAnswer> AskAsync(IDataSource? source = null)
    {
        source ??= _source;
        return source.FetchAsync(source.Plan(SourceHarness.Search(source, 334.02, -7.8988)), Ct);
    }

    private static FakeResponse Json(string fixture) => FakeResponse.Text(Fixture.Text("Gemini", fixture), "application/json");

    [Fact]
    public async Task Files_become_rows_with_download_URLs_and_the_position_marked_main()
    {
        Server.Route(Path, Json("jsonsummary-two-files.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(2, table.RowCount);
        Assert.Equal("GET", Assert.Single(Server.RequestsTo(Path)).Method);
        var urls = (StringColumn)table.FindColumnByUcd("meta.ref.url")!;
        Assert.Equal(Server.Url("file/S20190804S0123.fits").AbsoluteUri, urls.GetString(0));
        Assert.Equal(Server.Url("file/S20250911S0087.fits").AbsoluteUri, urls.GetString(1));
        Assert.Equal("ra", table.FindColumnByUcd("pos.eq.ra")!.Name);
        Assert.Equal("pos.eq.dec;meta.main", table.FindColumn("dec")!.Field.Ucd);
        Assert.Equal(334.019875, ((ScalarColumn<double>)table.FindColumn("ra")!)[0]);
        Assert.Equal("GS-2019B-Q-108-12-001", ((StringColumn)table.FindColumn("data_label")!).GetString(0));
        Assert.Equal("s", table.FindColumn("exposure_time")!.Field.Unit);
        var spectroscopy = (ScalarColumn<bool>)table.FindColumn("spectroscopy")!;
        Assert.Equal([false, true], [spectroscopy[0], spectroscopy[1]]);
        Assert.False(table.IsTruncated);
    }

    [Fact]
    public async Task Proprietary_files_keep_their_row_with_an_empty_position()
    {
        Server.Route(Path, Json("jsonsummary-two-files.json"));

        var table = (await AskAsync()).Table;

        Assert.True(table.FindColumn("ra")!.IsNull(1));
        Assert.True(table.FindColumn("object")!.IsNull(1));
        Assert.Equal("GS-2025B-FT-104-3-007", ((StringColumn)table.FindColumn("data_label")!).GetString(1));
    }

    [Fact]
    public async Task An_open_query_cut_by_the_archive_is_marked_truncated()
    {
        Server.Route(Path, Json("jsonsummary-open-query-cut.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(TruncationReason.ServiceOverflow, table.Truncation?.Reason);
        Assert.Equal("the archive stopped at 2 files, its limit for open queries (results_truncated)", table.Truncation?.Message);
    }

    [Fact]
    public async Task More_files_than_maxRows_are_cut_and_said_so()
    {
        Server.Route(Path, Json("jsonsummary-two-files.json"));

        var table = (await AskAsync(Source(maxRows: 1))).Table;

        Assert.Equal(1, table.RowCount);
        Assert.Equal("the first 1 of 2 files are kept (maxRows)", table.Truncation?.Message);
    }

    [Fact]
    public async Task No_file_is_an_empty_table_with_every_column()
    {
        Server.Route(Path, Json("jsonsummary-empty.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(0, table.RowCount);
        Assert.Equal(
        [
            "name", "data_label", "program_id", "observation_id", "instrument", "ut_datetime", "object", "ra", "dec",
            "observation_type", "observation_class", "filter_name", "disperser", "central_wavelength", "exposure_time",
            "spectroscopy", "mode", "qa_state", "release", "access_url",
        ], table.Fields.Select(f => f.Name));
    }

    [Fact]
    public async Task JSON_that_is_not_the_file_list_is_a_format_failure()
    {
        Server.Route(Path, Json("jsonsummary-not-a-list.json"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.StartsWith("the answer is JSON but not the list of files the archive sends; it begins: {\"selection\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_JSON_is_a_format_failure_named_by_its_title()
    {
        Server.Route(Path, FakeResponse.Html("Gemini Observatory Archive - Searchform"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal("the service sent an HTML page instead of the archive's JSON summary: \"Gemini Observatory Archive - Searchform\"", failure.Message);
    }

    [Fact]
    public async Task AServer_error_page_is_an_HTTP_failure_with_its_title()
    {
        Server.Route(Path, FakeResponse.Html("500 Internal Server Error", 500));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Http, failure.Kind);
        Assert.Equal("the service answered HTTP 500: 500 Internal Server Error", failure.Message);
    }
}
