using System.Text.Json;
using Das.Sky.Frames;
using Das.Sky.Parsing;
using Das.Sky.Positions;

namespace Das.Sky.Tests.Fixtures;

/// <summary>Loads the astropy truth written by make_truth.py (committed next to it).</summary>
internal static class Truth
{
    /// <summary>One milliarcsecond in degrees: the agreement demanded with astropy.</summary>
    public const double Mas = 1.0 / 3_600_000.0;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly Lazy<Dictionary<string, ParseCase>> LazyParseCases = new(() =>
        Load<ParseCaseFile>("parse_cases.json").Cases.ToDictionary(c => c.Id, StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, ParseCase> ParseCases => LazyParseCases.Value;

    public static FramesFile Frames { get; } = Load<FramesFile>("frames.json");

    public static SeparationsFile Separations { get; } = Load<SeparationsFile>("separations.json");

    public static OffsetsFile Offsets { get; } = Load<OffsetsFile>("offsets.json");

    public static FormatsFile Formats { get; } = Load<FormatsFile>("formats.json");

    public static TheoryData<string> ParseCaseIds(bool ok) =>
        new(ParseCases.Values.Where(c => c.Ok == ok).Select(c => c.Id));

    /// <summary>Angular distance in degrees between an expected (ra, dec) and a position.</summary>
    public static double Distance(double ra, double dec, SkyPosition actual) => new SkyPosition(ra, dec).SeparationTo(actual).Degrees;

    private static T Load<T>(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        using FileStream stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException(path);
    }
}

internal sealed record ParseCaseFile(List<ParseCase> Cases);

internal sealed record ParseCase(
    string Id,
    string Input,
    string Frame,
    string RaUnit,
    string Mode,
    bool Ok,
    double Ra,
    double Dec,
    bool NegativeZeroDec,
    string Truth,
    string? Field,
    int Index,
    string? Reason)
{
    public PositionParseOptions Options => new() { Frame = FrameOf(Frame), RaUnit = Enum.Parse<RaUnit>(RaUnit, ignoreCase: true) };

    public CoordinateField ExpectedField => Enum.Parse<CoordinateField>(Field ?? "None");

    public static SkyFrame FrameOf(string frame) => Enum.Parse<SkyFrame>(frame, ignoreCase: true);

    public override string ToString() => $"{Id} '{Input}' [{Frame}, {Mode}]";
}

internal sealed record FramesFile(Dictionary<string, List<double[]>> Frames);

internal sealed record SeparationsFile(List<SeparationRow> Pairs);

internal sealed record SeparationRow(double Ra1, double Dec1, double Ra2, double Dec2, double Separation, double PositionAngle);

internal sealed record OffsetsFile(List<OffsetRow> Offsets);

internal sealed record OffsetRow(double Ra, double Dec, double Separation, double PositionAngle, double Ra2, double Dec2);

internal sealed record FormatsFile(List<FormatRow> Positions);

internal sealed record FormatRow(double Ra, double Dec, string Sexagesimal, string Decimal);
