using System.CommandLine;
using Das.Cli.Commands;

namespace Das.Cli;

/// <summary>Builds the das command tree: one file per command group under Commands/.</summary>
public static class DasCli
{
    /// <summary>Exit code for bad input or a failed request: the message is on stderr.</summary>
    public const int UsageOrInputError = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("Das — the Data Aggregation Service: ask every archive at once for a sky position.");
        root.Subcommands.Add(CoordCommand.Create());
        root.Subcommands.Add(TableCommand.Create());
        root.Subcommands.Add(XmatchCommand.Create());
        root.Subcommands.Add(RedshiftCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(JobCommands.Job());
        root.Subcommands.Add(JobCommands.Download());
        foreach (var command in QueryCommands.Create().Concat(VoCommands.Create()).Concat(ImagingCommands.Create()))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }
}
