using System.Globalization;

namespace Das.Sky.Tests.CrossMatch;

/// <summary>Reads the inputs and truth pair lists written by Fixtures/make_truth.py (astropy and STILTS).</summary>
internal static class CrossMatchFixtures
{
    /// <summary>The radius the truth was computed with, in arcsec.</summary>
    public const double Radius = 5.0;

    public static (double[] Ra, double[] Dec) Positions(string name)
    {
        var rows = Rows(name);
        // Rows are written in id order, so the row index is the id.
        return (rows.Select(r => Parse(r[1])).ToArray(), rows.Select(r => Parse(r[2])).ToArray());
    }

    public static Dictionary<(int A, int B), double> Pairs(string name) =>
        Rows(name).ToDictionary(r => (int.Parse(r[0], CultureInfo.InvariantCulture), int.Parse(r[1], CultureInfo.InvariantCulture)), r => Parse(r[2]));

    private static List<string[]> Rows(string name) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "CrossMatch", "Fixtures", name)).Skip(1).Select(l => l.Split(','))];

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
