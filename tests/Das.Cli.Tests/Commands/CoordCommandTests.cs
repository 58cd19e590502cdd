namespace Das.Cli.Tests.Commands;

public sealed class CoordCommandTests
{
    [Fact]
    public async Task Letters_notation_prints_decimal_icrs()
    {
        var (code, output, error) = await CliRunner.RunAsync("coord", "10h41m00.5s +41d16m07s");
        Assert.Equal(0, code);
        Assert.Equal("160.252083 +41.268611" + Environment.NewLine, output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Sexagesimal_format_is_printed_on_request()
    {
        var (code, output, _) = await CliRunner.RunAsync("coord", "160.252083 +41.268611", "--format", "sexagesimal");
        Assert.Equal(0, code);
        Assert.Equal("10:41:00.500 +41:16:07.00" + Environment.NewLine, output);
    }

    [Fact]
    public async Task Unquoted_words_are_joined_into_one_position()
    {
        var (code, output, _) = await CliRunner.RunAsync("coord", "10:41:00.5", "+41:16:07");
        Assert.Equal(0, code);
        Assert.Equal("160.252083 +41.268611" + Environment.NewLine, output);
    }

    [Fact]
    public async Task Galactic_input_is_converted_to_icrs()
    {
        var (code, output, _) = await CliRunner.RunAsync("coord", "0 0", "--frame", "galactic", "--format", "sexagesimal");
        Assert.Equal(0, code);
        Assert.Equal("17:45:37.197 -28:56:10.24" + Environment.NewLine, output);
    }

    [Fact]
    public async Task Bad_minutes_name_the_field_and_position_on_stderr_with_exit_code_2()
    {
        var (code, output, error) = await CliRunner.RunAsync("coord", "10:41:00.5 +41:61:07");
        Assert.Equal(DasCli.UsageOrInputError, code);
        Assert.Empty(output);
        string[] lines = error.Split(Environment.NewLine);
        Assert.Equal("das coord: Dec at character 15: Dec minutes 61 is out of range 0-59", lines[0]);
        Assert.Equal("  10:41:00.5 +41:61:07", lines[1]);
        Assert.Equal("                 ^", lines[2]);
    }

    [Fact]
    public async Task Missing_declination_is_an_input_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("coord", "10:41:00.5");
        Assert.Equal(DasCli.UsageOrInputError, code);
        Assert.Contains("no declination found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_frame_is_refused_by_the_command_line_parser()
    {
        var (code, _, error) = await CliRunner.RunAsync("coord", "10 20", "--frame", "supergalactic");
        Assert.NotEqual(0, code);
        Assert.Contains("supergalactic", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_starting_with_a_minus_sign_works_after_double_dash()
    {
        var (code, output, _) = await CliRunner.RunAsync("coord", "--frame", "galactic", "--", "-30.5 +2.25");
        Assert.Equal(0, code);
        Assert.NotEmpty(output);
    }
}
