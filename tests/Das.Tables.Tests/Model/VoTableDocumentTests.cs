using Das.Tables.Model;

namespace Das.Tables.Tests.Model;

public sealed class VoTableDocumentTests
{
    private static Info Status(string value, string? text = null) => new() { Name = "QUERY_STATUS", Value = value, Content = text };

    private static Table EmptyTable(params Info[] infos) =>
        new([]) { Infos = infos };

    [Fact]
    public void Query_status_absent_when_no_info_names_it()
    {
        var doc = new VoTableDocument { Resources = [new Resource { Tables = [EmptyTable()] }] };
        Assert.Equal(QueryStatus.Absent, doc.QueryStatus());
    }

    [Fact]
    public void Query_status_found_in_the_results_resource()
    {
        var doc = new VoTableDocument { Resources = [new Resource { Infos = [Status("OK")], Tables = [EmptyTable()] }] };
        Assert.Equal(QueryStatus.Ok, doc.QueryStatus());
    }

    [Fact]
    public void Overflow_after_the_table_overrides_ok_before_it()
    {
        // DALI: a service may stream rows, then append OVERFLOW once it hits MAXREC.
        var doc = new VoTableDocument
        {
            Resources = [new Resource { Infos = [Status("OK"), Status("OVERFLOW")], Tables = [EmptyTable()] }],
        };
        Assert.Equal(QueryStatus.Overflow, doc.QueryStatus());
    }

    [Fact]
    public void Error_status_at_top_level_keeps_the_service_text()
    {
        var doc = new VoTableDocument { Infos = [Status("ERROR", "Could not parse your query")] };
        Assert.Equal(QueryStatus.Error, doc.QueryStatus());
        Assert.Equal("Could not parse your query", doc.QueryStatusInfo()?.Content);
    }

    [Fact]
    public void Status_inside_the_table_is_found()
    {
        var doc = new VoTableDocument { Resources = [new Resource { Tables = [EmptyTable(Status("error"))] }] };
        Assert.Equal(QueryStatus.Error, doc.QueryStatus());
    }

    [Fact]
    public void Unrecognised_status_value_is_unknown_not_ok()
    {
        var doc = new VoTableDocument { Infos = [Status("MAYBE")] };
        Assert.Equal(QueryStatus.Unknown, doc.QueryStatus());
    }

    [Fact]
    public void First_results_table_skips_meta_resources()
    {
        var meta = new Resource { Type = "meta", Tables = [new Table([]) { Name = "descriptor" }] };
        var results = new Resource { Type = "results", Tables = [new Table([]) { Name = "answer" }] };
        var doc = new VoTableDocument { Resources = [meta, results] };
        Assert.Equal("answer", doc.FirstResultsTable()?.Name);
        Assert.Equal(2, doc.AllTables().Count());
    }
}
