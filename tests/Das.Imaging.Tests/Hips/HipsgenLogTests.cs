using Das.Imaging.Hips;
using Das.Imaging.Tests.Integration;

namespace Das.Imaging.Tests.Hips;

public sealed class HipsgenLogTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Hips", "Fixtures", name);

    private static HipsgenLog Replay(string fixture, IReadOnlyList<string> actions, IProgress<ImagingProgress>? progress = null)
    {
        var log = new HipsgenLog(actions, 1, actions.Count + 1, progress);
        foreach (var line in File.ReadLines(Fixture(fixture)))
        {
            log.Read(line, false);
        }
        return log;
    }

    [Fact]
    public void A_whole_build_reports_each_action_in_order_and_ends_at_one()
    {
        var progress = new ListProgress<ImagingProgress>();
        var log = Replay("build-lint-check-passes.log", ["INDEX", "TILES", "PNG", "CHECKCODE", "DETAILS", "LINT", "CHECK"], progress);
        var steps = progress.Items.Select(p => p.Step).Distinct().ToList();
        Assert.Equal(["INDEX", "TILES", "PNG", "CHECKCODE", "DETAILS", "LINT", "CHECK"], steps);
        Assert.All(progress.Items, p => Assert.Equal(8, p.StepCount));
        Assert.Equal(1.0, progress.Items[^1].Fraction, 9);
        Assert.Equal(2, progress.Items[0].StepNumber);
        var fractions = progress.Items.Select(p => p.Fraction).ToList();
        Assert.Equal(fractions.Order(), fractions);
        Assert.Contains(progress.Items, p => p.Step == "PNG" && p.Message.StartsWith("16/16 tiles", StringComparison.Ordinal));
        Assert.Equal(HipsLintVerdict.CompatibleWithWarnings, log.LintVerdict);
        Assert.True(log.CheckPassed);
        Assert.False(log.Aborted);
        Assert.Empty(log.Errors);
        Assert.Contains(log.Warnings, w => w.Contains("recommended keyword missing [obs_description]", StringComparison.Ordinal));
    }

    [Fact]
    public void An_aborted_run_is_a_failure_with_the_java_error_text_although_hipsgen_exits_with_zero()
    {
        var log = Replay("lint-without-out-aborts.log", ["LINT"]);
        Assert.True(log.Aborted);
        Assert.Null(log.LintVerdict);
        Assert.Equal("java.lang.Exception: filepath or URL required", log.FailureText());
    }
}
