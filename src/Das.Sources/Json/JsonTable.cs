using System.Globalization;
using System.Text.Json;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Sources.Json;

/// <summary>
/// Tables from JSON answers: one row per JSON object, one column per field, read by the field's name. Numbers stay
/// numbers (long when every value is whole, double otherwise), true/false become booleans, everything else text; a
/// value of the wrong kind in a typed column (a string in a number column) is parsed when it can be, else null.
/// </summary>
internal static class JsonTable
{
    /// <summary>A text column.</summary>
    public static Field Text(string name, string? ucd = null, string? description = null) =>
        new() { Name = name, DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Ucd = ucd, Description = description };

    /// <summary>A floating-point column.</summary>
    public static Field Real(string name, string? unit = null, string? ucd = null, string? description = null) =>
        new() { Name = name, DataType = VoDataType.Double, Unit = unit, Ucd = ucd, Description = description };

    /// <summary>An integer column.</summary>
    public static Field Integer(string name, string? unit = null, string? ucd = null, string? description = null) =>
        new() { Name = name, DataType = VoDataType.Long, Unit = unit, Ucd = ucd, Description = description };

    /// <summary>A true/false column.</summary>
    public static Field Flag(string name, string? ucd = null, string? description = null) =>
        new() { Name = name, DataType = VoDataType.Boolean, Ucd = ucd, Description = description };

    /// <summary>A table with one column per field, filled from the rows (JSON objects) by field name.</summary>
    public static Table Build(IReadOnlyList<Field> fields, IEnumerable<JsonElement> rows)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(rows);
        var table = Table.FromFields(fields);
        foreach (var row in rows)
        {
            foreach (var column in table.Columns)
            {
                Append(column, row.ValueKind == JsonValueKind.Object && row.TryGetProperty(column.Name, out var value) ? value : default);
            }
        }
        return table;
    }

    /// <summary>
    /// The fields of rows nobody described in advance: every key in first-seen order, typed from its values, with
    /// the metadata of <paramref name="known"/> (unit, UCD, description) where the key is known.
    /// </summary>
    public static IReadOnlyList<Field> InferFields(IReadOnlyList<JsonElement> rows, IReadOnlyDictionary<string, Field> known)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(known);
        var kinds = new Dictionary<string, ValueKind>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in rows.Where(r => r.ValueKind == JsonValueKind.Object))
        {
            foreach (var property in row.EnumerateObject())
            {
                if (!kinds.TryGetValue(property.Name, out var kind))
                {
                    order.Add(property.Name);
                    kind = ValueKind.None;
                }
                kinds[property.Name] = Widen(kind, KindOf(property.Value));
            }
        }
        return [.. order.Select(name => FieldFor(name, kinds[name], known.GetValueOrDefault(name)))];
    }

    private static Field FieldFor(string name, ValueKind kind, Field? known)
    {
        var inferred = kind switch
        {
            ValueKind.Boolean => Flag(name),
            ValueKind.Integer => Integer(name),
            ValueKind.Real => Real(name),
            _ => Text(name),
        };
        // The answer decides the type (a known number column sent as text stays text); the known field adds meaning.
        return known is null ? inferred : inferred with { Unit = known.Unit, Ucd = known.Ucd, Description = known.Description };
    }

    private enum ValueKind { None, Boolean, Integer, Real, Text }

    private static ValueKind KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => ValueKind.None,
        JsonValueKind.True or JsonValueKind.False => ValueKind.Boolean,
        JsonValueKind.Number => value.TryGetInt64(out _) ? ValueKind.Integer : ValueKind.Real,
        _ => ValueKind.Text,
    };

    // Integer widens to real; anything mixed with another kind becomes text, which holds every value as written.
    private static ValueKind Widen(ValueKind seen, ValueKind next) => (seen, next) switch
    {
        (ValueKind.None, _) => next,
        (_, ValueKind.None) => seen,
        _ when seen == next => seen,
        (ValueKind.Integer, ValueKind.Real) or (ValueKind.Real, ValueKind.Integer) => ValueKind.Real,
        _ => ValueKind.Text,
    };

    private static void Append(Column column, JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            column.AppendNull();
            return;
        }
        switch (column)
        {
            case StringColumn text:
                text.Append(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
                break;
            case ScalarColumn<double> real when TryReal(value, out double x):
                real.Append(x);
                break;
            case ScalarColumn<long> whole when TryWhole(value, out long n):
                whole.Append(n);
                break;
            case ScalarColumn<bool> flag when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                flag.Append(value.GetBoolean());
                break;
            default:
                column.AppendNull();
                break;
        }
    }

    private static bool TryReal(JsonElement value, out double x)
    {
        x = double.NaN;
        bool ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out x),
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out x),
            _ => false,
        };
        // NaN and infinities are how some APIs write "no value" as text; the column's null says it better.
        return ok && double.IsFinite(x);
    }

    private static bool TryWhole(JsonElement value, out long n)
    {
        n = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out n),
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n),
            _ => false,
        };
    }
}
