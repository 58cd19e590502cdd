using System.Globalization;
using Das.Sources.Catalog;

namespace Das.Sources.Protocols;

/// <summary>
/// The <c>parameters</c> of an archive-specific source read as named settings: unknown names are reported (a
/// misspelt setting must not be silently ignored), numbers are read in the invariant culture.
/// </summary>
internal static class ProtocolSettings
{
    /// <summary>One problem per parameter this protocol does not know.</summary>
    public static IEnumerable<string> Unknown(SourceDefinition definition, string protocol, params string[] known) =>
        definition.Parameters.Keys
            .Where(k => !known.Contains(k, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => known.Length == 0
                ? $"parameter '{k}' is not a setting of protocol {protocol} (it takes none)"
                : $"parameter '{k}' is not a setting of protocol {protocol} (known: {string.Join(", ", known)})");

    /// <summary>A text setting, or its default.</summary>
    public static string Text(SourceDefinition definition, string name, string fallback) =>
        definition.Parameters.TryGetValue(name, out var value) ? value : fallback;

    /// <summary>A number setting within (min, max], or its default; null with a problem when it is not one.</summary>
    public static double? Number(SourceDefinition definition, string name, double fallback, double above, double atMost, out string? problem)
    {
        problem = null;
        if (!definition.Parameters.TryGetValue(name, out var text))
        {
            return fallback;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > above && value <= atMost)
        {
            return value;
        }
        problem = string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' = '{text}' must be a number above {above} and at most {atMost}");
        return null;
    }
}
