using System.CommandLine;

namespace Das.Cli.Tests;

/// <summary>Runs the das command tree in process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error };
        int code = await DasCli.Build().Parse(args).InvokeAsync(config, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
