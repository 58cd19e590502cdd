namespace Das.Cli.Tests;

public sealed class DasCliTests
{
    [Fact]
    public async Task Help_lists_the_command_groups()
    {
        var (code, output, _) = await CliRunner.RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("Data Aggregation Service", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_exits_non_zero_with_a_message()
    {
        var (code, _, error) = await CliRunner.RunAsync("no-such-command");
        Assert.NotEqual(0, code);
        Assert.Contains("no-such-command", error, StringComparison.Ordinal);
    }
}
