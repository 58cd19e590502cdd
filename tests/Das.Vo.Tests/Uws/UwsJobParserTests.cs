using Das.Vo.Uws;

namespace Das.Vo.Tests.Uws;

public sealed class UwsJobParserTests
{
    private static UwsJobInfo Parse(string name)
    {
        using var stream = Fixture.Open("Uws", name);
        Assert.True(UwsJobParser.TryParse(stream, out var job, out var error), error);
        return job;
    }

    [Fact]
    public void Pending_job_from_dachs_has_its_id_phase_and_parameters()
    {
        var job = Parse("dachs-job-pending.xml");
        Assert.Equal("f9aik4oz", job.JobId);
        Assert.Equal(UwsPhase.Pending, job.Phase);
        Assert.Null(job.OwnerId);      // xsi:nil
        Assert.Null(job.StartTime);    // xsi:nil
        Assert.Equal("SELECT TOP 3 id, ra, dec FROM synthcat.main", job.Parameters["query"]);
        Assert.Null(job.Parameters["maxrec"]); // empty parameter
        Assert.False(job.IsFinal);
    }

    [Fact]
    public void Completed_job_lists_its_result_link()
    {
        var job = Parse("dachs-job-completed.xml");
        Assert.Equal(UwsPhase.Completed, job.Phase);
        Assert.True(job.IsFinal);
        var result = Assert.Single(job.Results);
        Assert.Equal("result", result.Id);
        Assert.Equal("http://127.0.0.1:8089/__system__/tap/run/async/f9aik4oz/results/result", result.Href);
        Assert.Equal(3600, job.ExecutionDurationSeconds);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 51, 12, TimeSpan.Zero), job.EndTime);
    }

    [Fact]
    public void Error_job_carries_the_service_message_verbatim()
    {
        var job = Parse("dachs-job-error.xml");
        Assert.Equal(UwsPhase.Error, job.Phase);
        Assert.Equal("fatal", job.ErrorType);
        Assert.StartsWith("Field query: Could not parse your query: Expected select list", job.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Aborted_job_is_final()
    {
        var job = Parse("dachs-job-aborted.xml");
        Assert.Equal(UwsPhase.Aborted, job.Phase);
        Assert.True(job.IsFinal);
    }

    [Fact]
    public void Uws10_document_without_prefix_and_with_nil_elements_is_read()
    {
        var job = Parse("uws10-executing-no-prefix.xml");
        Assert.Equal("1700000000123A", job.JobId);
        Assert.Equal(UwsPhase.Executing, job.Phase);
        Assert.Equal("anonymous", job.OwnerId);
        Assert.Null(job.Quote);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), job.StartTime);
        Assert.Equal("ADQL", job.Parameters["lang"]); // ids are matched case-insensitively
        Assert.Empty(job.Results);
    }

    [Fact]
    public void A_votable_where_a_job_was_expected_is_refused_with_what_was_found()
    {
        using var stream = Fixture.Open("Uws", "not-a-job.xml");
        Assert.False(UwsJobParser.TryParse(stream, out _, out var error));
        Assert.Contains("found <VOTABLE>", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_is_refused_with_the_parser_message()
    {
        using var stream = new MemoryStream("<uws:job xmlns:uws=\"x\"><uws:jobId>1</uws:jo"u8.ToArray());
        Assert.False(UwsJobParser.TryParse(stream, out _, out var error));
        Assert.Contains("not well-formed", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("COMPLETED", UwsPhase.Completed)]
    [InlineData(" executing\n", UwsPhase.Executing)]
    [InlineData("HELD", UwsPhase.Held)]
    [InlineData("WHATEVER", UwsPhase.Unknown)]
    [InlineData(null, UwsPhase.Unknown)]
    public void Phase_text_is_read_whatever_its_case_and_spacing(string? text, UwsPhase phase) =>
        Assert.Equal(phase, UwsJobParser.ParsePhase(text));
}
