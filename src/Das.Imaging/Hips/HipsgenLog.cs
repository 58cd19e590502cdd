using System.Globalization;
using System.Text.RegularExpressions;

namespace Das.Imaging.Hips;

/// <summary>
/// Reads Hipsgen's console output as it comes: which action runs (<c>RUN : === TILES ===</c>), how far it is
/// (<c>STAT : 16/16 tiles … (100.0%)</c>), its errors (<c>*ERROR:</c>, Java exceptions, <c>ABORT</c>), LINT's
/// warnings and verdict, and CHECK's verdict. Hipsgen exits with 0 even when it aborts, so this is how a failure is seen.
/// </summary>
internal sealed partial class HipsgenLog
{
    private readonly IReadOnlyList<string> _actions;
    private readonly int _stepOffset;
    private readonly int _stepCount;
    private readonly IProgress<ImagingProgress>? _progress;
    private int _current = -1;

    /// <param name="actions">The actions of this run, in Hipsgen's order.</param>
    /// <param name="stepOffset">Steps of the whole build before this run.</param>
    /// <param name="stepCount">Steps of the whole build.</param>
    /// <param name="progress">Where progress goes.</param>
    public HipsgenLog(IReadOnlyList<string> actions, int stepOffset, int stepCount, IProgress<ImagingProgress>? progress)
    {
        _actions = actions;
        _stepOffset = stepOffset;
        _stepCount = stepCount;
        _progress = progress;
    }

    public List<string> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public bool Aborted { get; private set; }
    public HipsLintVerdict? LintVerdict { get; private set; }
    public bool? CheckPassed { get; private set; }
    public string? LastAction => _current >= 0 ? _actions[_current] : null;

    public void Read(string raw, bool _)
    {
        var line = Ansi().Replace(raw, "").TrimEnd();
        if (line.Length == 0 || line.Trim('.').Length == 0)
        {
            return;
        }
        if (line.StartsWith("RUN   :", StringComparison.Ordinal))
        {
            var name = line[7..].Trim().Trim('=').Trim();
            int index = IndexOf(name);
            if (index >= 0)
            {
                _current = index;
                Report(0, "started");
            }
            return;
        }
        if (line.StartsWith("STAT  :", StringComparison.Ordinal) && _current >= 0)
        {
            var m = Percent().Match(line);
            if (m.Success)
            {
                double fraction = double.Parse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture) / 100;
                Report(Math.Clamp(fraction, 0, 1), line[7..].Trim().Split("endsIn", 2)[0].Trim());
            }
            return;
        }
        if (line.StartsWith("DONE  :", StringComparison.Ordinal) && _current >= 0 && line.Contains(_actions[_current] + " done", StringComparison.Ordinal))
        {
            Report(1, "done");
            return;
        }
        if (line.StartsWith("*ERROR:", StringComparison.Ordinal))
        {
            Errors.Add(line[7..].Trim());
            if (line.Contains("not compliant to check codes", StringComparison.Ordinal))
            {
                CheckPassed = false;
            }
            return;
        }
        if (line.StartsWith("*WARN*:", StringComparison.Ordinal))
        {
            Warnings.Add(line[7..].Trim());
            return;
        }
        if (line.StartsWith("ABORT :", StringComparison.Ordinal))
        {
            Aborted = true;
            return;
        }
        if (JavaException().IsMatch(line))
        {
            Errors.Add(line.Trim());
            return;
        }
        if (line.Contains("is not IVOA HiPS 1.0 compatible", StringComparison.Ordinal))
        {
            LintVerdict = HipsLintVerdict.NotCompatible;
        }
        else if (line.Contains("is IVOA HiPS 1.0 compatible but with warnings", StringComparison.Ordinal))
        {
            LintVerdict = HipsLintVerdict.CompatibleWithWarnings;
        }
        else if (line.Contains("is fully IVOA HiPS 1.0 compatible", StringComparison.Ordinal))
        {
            LintVerdict = HipsLintVerdict.FullyCompatible;
        }
        else if (line.Contains("HiPS compliant with check codes", StringComparison.Ordinal))
        {
            CheckPassed = true;
        }
        else if (line.Contains("HiPS is not compliant to check codes", StringComparison.Ordinal))
        {
            CheckPassed = false;
        }
    }

    /// <summary>The tool's own words for a failure: its errors, else the last action that ran.</summary>
    public string FailureText() =>
        Errors.Count > 0 ? string.Join("; ", Errors.Distinct(StringComparer.Ordinal).TakeLast(3))
        : LastAction is { } action ? $"{action} aborted" : "it stopped without saying why";

    private int IndexOf(string name)
    {
        for (int i = 0; i < _actions.Count; i++)
        {
            if (string.Equals(_actions[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private void Report(double withinStep, string message)
    {
        int step = _stepOffset + _current;
        _progress?.Report(new ImagingProgress(_actions[_current], step + 1, _stepCount, (step + withinStep) / _stepCount, message));
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"\((\d+(?:\.\d+)?)%\)")]
    private static partial Regex Percent();

    [GeneratedRegex(@"^(?:Exception in thread .*|(?:java|javax|cds)\.[\w.$]*(?:Exception|Error)(?::.*)?)$")]
    private static partial Regex JavaException();
}
