namespace Das.Tables.VoTable.Diagnostics;

/// <summary>Collects diagnostics for one read: caps repeats per code, applies the strictness, safe across threads.</summary>
internal sealed class DiagnosticSink(VoTableStrictness strictness, int maxPerCode)
{
    private readonly Lock _lock = new();
    private readonly List<VoTableDiagnostic> _kept = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _suppressed = new(StringComparer.Ordinal);
    private readonly int _maxPerCode = Math.Max(1, maxPerCode);

    public VoTableStrictness Strictness { get; } = strictness;

    public IReadOnlyList<VoTableDiagnostic> Kept
    {
        get
        {
            lock (_lock)
            {
                return [.. _kept];
            }
        }
    }

    public IReadOnlyDictionary<string, int> Suppressed
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_suppressed, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>False when a diagnostic of this code would only be counted: callers can skip building its message.</summary>
    public bool WouldKeep(string code)
    {
        if (Strictness == VoTableStrictness.Ignore)
        {
            return false;
        }
        if (Strictness == VoTableStrictness.Strict && VoTableDiagnosticCodes.SeverityOf(code) == DiagnosticSeverity.Error)
        {
            return true;
        }
        lock (_lock)
        {
            return !_counts.TryGetValue(code, out int n) || n < _maxPerCode;
        }
    }

    /// <summary>Counts one occurrence whose message was not built (after <see cref="WouldKeep"/> said false).</summary>
    public void Count(string code)
    {
        if (Strictness == VoTableStrictness.Ignore)
        {
            return;
        }
        lock (_lock)
        {
            _counts[code] = _counts.GetValueOrDefault(code) + 1;
            _suppressed[code] = _suppressed.GetValueOrDefault(code) + 1;
        }
    }

    public void Report(string code, string message, int line = 0, int column = 0, long byteOffset = -1, long row = -1, string? field = null)
    {
        if (Strictness == VoTableStrictness.Ignore)
        {
            return;
        }
        var diagnostic = new VoTableDiagnostic
        {
            Code = code,
            Severity = VoTableDiagnosticCodes.SeverityOf(code),
            Message = message,
            SpecSection = VoTableDiagnosticCodes.SpecSection(code),
            Line = line,
            Column = column,
            ByteOffset = byteOffset,
            Row = row,
            FieldName = field,
        };
        if (Strictness == VoTableStrictness.Strict && diagnostic.Severity == DiagnosticSeverity.Error)
        {
            throw new VoTableFormatException(diagnostic);
        }
        lock (_lock)
        {
            int n = _counts.GetValueOrDefault(code);
            _counts[code] = n + 1;
            if (n < _maxPerCode)
            {
                _kept.Add(diagnostic);
            }
            else
            {
                _suppressed[code] = _suppressed.GetValueOrDefault(code) + 1;
            }
        }
    }
}
