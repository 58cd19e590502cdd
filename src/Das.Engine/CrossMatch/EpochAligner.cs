using System.Globalization;
using Das.Sky.Positions;
using Das.Tables.Model;

namespace Das.Engine.CrossMatch;

/// <summary>Moves the positions of the tables of a cross-match that carry proper motions to one epoch.</summary>
internal static class EpochAligner
{
    /// <summary>
    /// Moves A's and B's positions (in place) as <paramref name="epochs"/> asks; false with a reason when a table has
    /// motions but its epoch, or the target, is unknown. What was done goes to <paramref name="notes"/>.
    /// </summary>
    public static bool TryAlign(Table a, double[] raA, double[] decA, Table b, string labelB, double[] raB, double[] decB,
        EpochPropagation epochs, List<string> notes, out string failure)
    {
        failure = "";
        var motionA = MotionColumns.Find(a);
        var motionB = MotionColumns.Find(b);
        if (motionA is null && motionB is null)
        {
            notes.Add($"Neither A nor {labelB} has proper motions: positions matched as given.");
            return true;
        }
        double[]? epochsA = motionA?.Epochs(a.RowCount, epochs.EpochA);
        double[]? epochsB = motionB?.Epochs(b.RowCount, epochs.EpochB);
        double? target = epochs.TargetEpoch
            ?? (motionA is null ? epochs.EpochA ?? Uniform(EpochColumnOnly(a)) : null)
            ?? (motionA is not null && motionB is null ? epochs.EpochB ?? Uniform(EpochColumnOnly(b)) : null)
            ?? (motionA is not null ? Uniform(epochsA) : null);
        if (target is not { } to)
        {
            string mover = motionA is null ? labelB : "A", other = motionA is null ? "A" : labelB;
            failure = $"The epoch to move positions to is unknown ({mover} has proper motions; {other} has no epoch column and no COOSYS epoch): give it, e.g. J2016.0.";
            return false;
        }
        return Move("A", motionA, epochsA, raA, decA, to, notes, ref failure) && Move(labelB, motionB, epochsB, raB, decB, to, notes, ref failure);
    }

    private static bool Move(string label, MotionColumns? motion, double[]? from, double[] ra, double[] dec, double to, List<string> notes, ref string failure)
    {
        if (motion is null)
        {
            return true;
        }
        if (from is null)
        {
            failure = $"Table {label} has proper motions ({motion.PmRa.Name}, {motion.PmDec.Name}) but no epoch (no epoch column such as ref_epoch, no COOSYS epoch): give its epoch.";
            return false;
        }
        ProperMotion.Propagate(ra, dec, motion.PmRaMasPerYear(), motion.PmDecMasPerYear(), from, to);
        var distinct = from.Where(double.IsFinite).Distinct().Take(2).ToList();
        string source = distinct.Count == 1 ? string.Create(CultureInfo.InvariantCulture, $"J{distinct[0]:0.0###}") : "their epochs";
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{label}: positions moved from {source} to J{to:0.0###} by {motion.PmRa.Name}/{motion.PmDec.Name} (rows without a motion kept as given)."));
        return true;
    }

    private static double[]? EpochColumnOnly(Table table)
    {
        var column = MotionColumns.ByUcd(table, "time.epoch", null) ?? table.FindColumn("ref_epoch") ?? table.FindColumn("epoch");
        return column is null ? null : new MotionColumns(column, column, column).Epochs(table.RowCount, null);
    }

    private static double? Uniform(double[]? values)
    {
        if (values is null)
        {
            return null;
        }
        double? seen = null;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                continue;
            }
            if (seen is { } s && s != v)
            {
                return null;
            }
            seen = v;
        }
        return seen;
    }
}
