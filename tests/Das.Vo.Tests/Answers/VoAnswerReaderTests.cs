using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Vo.Answers;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Scs;

namespace Das.Vo.Tests.Answers;

/// <summary>One fixture per behaviour a service can show; each becomes a table or one specific error.</summary>
public sealed class VoAnswerReaderTests
{
    private static readonly VoRequest Request = new ScsQuery
    {
        Endpoint = new Uri("http://127.0.0.1:8089/synthcat/q/cone/scs.xml?"),
        RaDeg = 334.02,
        DecDeg = -7.8988,
        RadiusDeg = 0.01,
    }.BuildRequest();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<VoTableAnswer> Interpret(string fixture, BodyFault? fault = null)
    {
        await using var stream = Fixture.Open("Answers", fixture);
        var read = await VoTableReader.ReadAsync(stream, null, Ct);
        return VoAnswerReader.Interpret(Request, read, fault);
    }

    [Fact]
    public async Task Dachs_cone_answer_is_a_table_of_26_rows()
    {
        var answer = await Interpret("dachs-scs-26-rows.xml");
        Assert.Equal(26, answer.Table.RowCount);
        Assert.False(answer.IsTruncated);
        Assert.Same(Request, answer.Request);
    }

    [Fact]
    public async Task Error_status_sent_with_http_200_becomes_a_query_error_with_the_service_text()
    {
        var ex = await Assert.ThrowsAsync<VoQueryException>(() => Interpret("dachs-tap-error-http200.xml"));
        Assert.Equal("Field query: Could not locate table 'public.nowhere'", ex.ServiceMessage);
        Assert.Equal(VoFailureKind.Query, ex.Kind);
    }

    [Fact]
    public async Task Scs_error_info_without_query_status_becomes_a_query_error()
    {
        var ex = await Assert.ThrowsAsync<VoQueryException>(() => Interpret("dachs-scs-bad-sr.xml"));
        Assert.Equal("Field SR: 'abc' is not a valid literal for SR", ex.ServiceMessage);
    }

    [Fact]
    public async Task Vizier_error_info_value_becomes_a_query_error()
    {
        var ex = await Assert.ThrowsAsync<VoQueryException>(() => Interpret("vizier-error-info.xml"));
        Assert.Equal("Table or Catalog not found: NOSUCHCAT", ex.ServiceMessage);
    }

    [Fact]
    public async Task Overflow_after_the_table_marks_the_table_truncated_by_the_service()
    {
        var answer = await Interpret("dachs-tap-overflow.xml");
        Assert.Equal(5, answer.Table.RowCount);
        Assert.Equal(TruncationReason.ServiceOverflow, answer.Table.Truncation?.Reason);
        Assert.Contains("OVERFLOW", answer.Table.Truncation?.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Html_page_instead_of_a_votable_names_the_page_title()
    {
        var ex = await Assert.ThrowsAsync<VoFormatException>(() => Interpret("html-login-page.xml"));
        Assert.Equal("the service sent an HTML page instead of a VOTable: \"Archive & Portal – Sign in\"", ex.Reason);
    }

    [Fact]
    public async Task Empty_body_is_a_format_error_saying_so()
    {
        var ex = await Assert.ThrowsAsync<VoFormatException>(() => Interpret("empty-body.xml"));
        Assert.Equal("the service sent an empty answer", ex.Reason);
    }

    [Fact]
    public async Task Document_cut_by_a_dropped_connection_keeps_its_rows_and_says_why()
    {
        var fault = new BodyFault(BodyFaultKind.ConnectionLost, "the connection dropped after 5.1 kB of the answer", 5200);
        var answer = await Interpret("truncated-mid-table.xml", fault);
        Assert.InRange(answer.Table.RowCount, 1, 25);
        Assert.True(answer.IsTruncated);
        Assert.StartsWith("the connection dropped after 5.1 kB", answer.Table.Truncation?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_cut_without_a_network_fault_is_still_flagged_truncated()
    {
        var answer = await Interpret("truncated-mid-table.xml");
        Assert.True(answer.IsTruncated);
        Assert.Equal(TruncationReason.DocumentEndedEarly, answer.Table.Truncation?.Reason);
    }

    [Fact]
    public async Task Votable_11_namespace_answer_is_read()
    {
        var answer = await Interpret("votable11-namespace-ok.xml");
        Assert.Equal(1, answer.Table.RowCount);
        Assert.Equal("M  31", answer.Table.FindColumn("main_id")?.GetValue(0));
    }

    [Fact]
    public async Task Answer_without_table_or_error_is_a_format_error()
    {
        var ex = await Assert.ThrowsAsync<VoFormatException>(() => Interpret("no-table-no-error.xml"));
        Assert.Contains("holds no table", ex.Reason, StringComparison.Ordinal);
    }
}
