using System.CommandLine;
using Das.Sky.Frames;
using Das.Sky.Parsing;
using Das.Sky.Positions;

namespace Das.Cli.Commands;

/// <summary><c>das coord "&lt;text&gt;" [--frame …] [--format …] [--ra-unit …]</c>: parse a position and print it in ICRS.</summary>
internal static class CoordCommand
{
    public static Command Create()
    {
        var text = new Argument<string[]>("text")
        {
            Description = "The position, e.g. \"10h41m00.5s +41d16m07s\", \"160.25 -7.5\", \"SDSS J104100.5+411607\". "
                + "Quote it, or put -- before a text that starts with a minus sign.",
            Arity = ArgumentArity.OneOrMore,
        };
        var frame = new Option<string>("--frame")
        {
            Description = "Frame of the input: icrs, galactic (l b), fk5 (J2000), fk4 (B1950, with E-terms), ecliptic (barycentric mean ecliptic J2000).",
            DefaultValueFactory = _ => "icrs",
        };
        frame.AcceptOnlyFromAmong("icrs", "galactic", "fk5", "fk4", "ecliptic");
        var format = new Option<string>("--format")
        {
            Description = "Output: decimal (160.252083 +41.268611) or sexagesimal (10:41:00.500 +41:16:07.00).",
            DefaultValueFactory = _ => "decimal",
        };
        format.AcceptOnlyFromAmong("decimal", "sexagesimal");
        var raUnit = new Option<string>("--ra-unit")
        {
            Description = "RA without unit letters: auto (sexagesimal = hours, decimal = degrees), hours or degrees.",
            DefaultValueFactory = _ => "auto",
        };
        raUnit.AcceptOnlyFromAmong("auto", "hours", "degrees");

        var command = new Command("coord", "Parse a sky position in any common notation and print it in ICRS.");
        command.Arguments.Add(text);
        command.Options.Add(frame);
        command.Options.Add(format);
        command.Options.Add(raUnit);
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            string input = string.Join(' ', parseResult.GetValue(text) ?? []);
            var options = new PositionParseOptions
            {
                Frame = Enum.Parse<SkyFrame>(parseResult.GetValue(frame) ?? "icrs", ignoreCase: true),
                RaUnit = Enum.Parse<RaUnit>(parseResult.GetValue(raUnit) ?? "auto", ignoreCase: true),
            };
            PositionParseResult result = PositionParser.Parse(input, options);
            if (result.Error is { } problem)
            {
                WriteError(error, input, problem);
                return DasCli.UsageOrInputError;
            }

            PositionFormat outputFormat = parseResult.GetValue(format) == "sexagesimal" ? PositionFormat.Sexagesimal : PositionFormat.DecimalDegrees;
            output.WriteLine(result.Position.ToString(outputFormat));
            return 0;
        });
        return command;
    }

    /// <summary>Writes the error, then the input with a caret under the offending character.</summary>
    private static void WriteError(TextWriter error, string input, ParseError problem)
    {
        error.WriteLine($"das coord: {problem}");
        error.WriteLine($"  {input}");
        error.WriteLine($"  {new string(' ', Math.Min(problem.Index, input.Length))}^");
    }
}
