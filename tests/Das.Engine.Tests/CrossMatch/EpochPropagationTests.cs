using System.Globalization;
using Das.Engine.CrossMatch;
using Das.Sky.CrossMatch;
using Das.Tables.Csv;
using Das.Tables.Model;
using Das.Tables.VoTable;

namespace Das.Engine.Tests.CrossMatch;

/// <summary>
/// Fixtures from make_epoch_truth.py: 300 stars at J2016.0 with proper motions, and where astropy puts them at
/// J2000.0 (plus a 0.02" scatter). Matched at 0.1", every star finds itself only once its positions are moved.
/// </summary>
public sealed class EpochPropagationTests
{
    private const double Radius = 0.1;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stars_moved_from_their_COOSYS_epoch_to_the_other_tables_epoch_all_find_their_counterpart()
    {
        var (document, moving) = await ReadVoTableAsync("moving_j2016.vot");
        var seen = await ReadCsvAsync("seen_j2000.csv");

        var epochs = new EpochPropagation { TargetEpoch = 2000.0, EpochB = MotionColumns.DocumentEpoch(document, moving) };
        var result = TableCrossMatch.FindPairs(seen, moving, Radius, CrossMatchMode.Best, epochs);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(2016.0, epochs.EpochB);
        AssertEveryStarFoundItself(seen, moving, result.Pairs!);
        Assert.Contains(result.Notes, n => n.Contains("B: positions moved from J2016.0 to J2000.0 by pmra/pmdec", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_propagation_the_fast_stars_are_missed()
    {
        var seen = await ReadCsvAsync("seen_j2000.csv");
        var moving = await ReadCsvAsync("moving_j2016.csv");

        var result = TableCrossMatch.FindPairs(seen, moving, Radius, CrossMatchMode.Best);

        Assert.True(result.Pairs!.Count < 100, $"{result.Pairs.Count} pairs without moving the stars");
    }

    [Fact]
    public async Task An_epoch_column_serves_as_the_epoch_and_the_target_defaults_to_the_epoch_of_the_table_without_motions()
    {
        var seen = await ReadCsvAsync("seen_j2000.csv");
        var moving = await ReadCsvAsync("moving_j2016.csv");

        // A (seen) has no motions; its epoch J2000.0 is given as A's epoch, and becomes the target.
        var result = TableCrossMatch.FindPairs(seen, moving, Radius, CrossMatchMode.All, new EpochPropagation { EpochA = 2000.0 });

        Assert.True(result.Succeeded, result.Failure);
        AssertEveryStarFoundItself(seen, moving, result.Pairs!);
    }

    [Fact]
    public async Task Moving_B_with_no_known_target_epoch_fails_with_a_reason()
    {
        var seen = await ReadCsvAsync("seen_j2000.csv");
        var moving = await ReadCsvAsync("moving_j2016.csv");

        var result = TableCrossMatch.FindPairs(seen, moving, Radius, CrossMatchMode.Best, new EpochPropagation());

        Assert.False(result.Succeeded);
        Assert.Contains("epoch to move positions to is unknown", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_with_motions_but_no_epoch_anywhere_fails_with_a_reason()
    {
        var (_, moving) = await ReadVoTableAsync("moving_j2016.vot");
        var seen = await ReadCsvAsync("seen_j2000.csv");

        var result = TableCrossMatch.FindPairs(seen, moving, Radius, CrossMatchMode.Best, new EpochPropagation { TargetEpoch = 2000.0 });

        Assert.False(result.Succeeded);
        Assert.Contains("Table B has proper motions (pmra, pmdec) but no epoch", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proper_motion_columns_are_never_taken_for_positions()
    {
        var (_, moving) = await ReadVoTableAsync("moving_j2016.vot");
        var shuffled = new Table([moving.FindColumn("pmra")!, moving.FindColumn("pmdec")!, moving.FindColumn("source_id")!,
            moving.FindColumn("ra")!, moving.FindColumn("dec")!]);

        Assert.Equal(("ra", "dec"), (PositionColumns.Find(shuffled)!.Ra.Name, PositionColumns.Find(shuffled)!.Dec.Name));
        Assert.Equal(("pmra", "pmdec"), (MotionColumns.Find(shuffled)!.PmRa.Name, MotionColumns.Find(shuffled)!.PmDec.Name));
    }

    private static void AssertEveryStarFoundItself(Table seen, Table moving, CrossMatchResult pairs)
    {
        Assert.Equal(seen.RowCount, pairs.Count);
        var idA = seen.FindColumn("id")!;
        var idB = moving.FindColumn("source_id")!;
        for (int i = 0; i < pairs.Count; i++)
        {
            Assert.Equal(Text(idA.GetValue(pairs.RowsA[i])), Text(idB.GetValue(pairs.RowsB[i])));
            Assert.True(pairs.SeparationsArcsec[i] < 0.025, $"pair {i}: {pairs.SeparationsArcsec[i]} arcsec");
        }
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static async Task<Table> ReadCsvAsync(string name)
    {
        var read = await CsvReader.ReadFileAsync(Path.Combine(AppContext.BaseDirectory, "CrossMatch", "Fixtures", name), cancellationToken: Ct);
        return read.Table ?? throw new InvalidDataException(name);
    }

    private static async Task<(VoTableDocument, Table)> ReadVoTableAsync(string name)
    {
        var read = await VoTableReader.ReadFileAsync(Path.Combine(AppContext.BaseDirectory, "CrossMatch", "Fixtures", name), cancellationToken: Ct);
        var document = read.Document ?? throw new InvalidDataException(name);
        return (document, document.AllTables().First());
    }
}
