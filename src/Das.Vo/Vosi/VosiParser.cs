using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Das.Vo.Xml;

namespace Das.Vo.Vosi;

/// <summary>
/// Reads VOSI capabilities and availability documents. Elements are matched by local name, whatever the prefix
/// or namespace version a service uses; an unknown or partial capability is kept, never a reason to fail.
/// </summary>
public static class VosiParser
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Parses a capabilities document; false with the reason when it is not one.</summary>
    public static bool TryParseCapabilities(Stream document, out IReadOnlyList<VosiCapability> capabilities, out string? error)
    {
        capabilities = [];
        if (!TryLoad(document, "capabilities", out var root, out error))
        {
            return false;
        }
        capabilities = [.. root.Elements().Where(e => e.Name.LocalName == "capability").Select(ReadCapability)];
        return true;
    }

    /// <summary>Parses an availability document; false with the reason when it is not one.</summary>
    public static bool TryParseAvailability(Stream document, out VosiAvailability availability, out string? error)
    {
        availability = null!;
        if (!TryLoad(document, "availability", out var root, out error))
        {
            return false;
        }
        var available = Child(root, "available");
        if (available is null || !bool.TryParse(available.Trim(), out bool isAvailable))
        {
            error = $"the availability document has no valid <available> (found '{available}')";
            return false;
        }
        availability = new VosiAvailability
        {
            Available = isAvailable,
            UpSince = Time(Child(root, "upSince")),
            DownAt = Time(Child(root, "downAt")),
            BackAt = Time(Child(root, "backAt")),
            Notes = [.. root.Elements().Where(e => e.Name.LocalName == "note").Select(e => e.Value.Trim())],
        };
        return true;
    }

    /// <summary>
    /// Parses a VOSI tables document into a <see cref="ServiceSchema"/>: the whole tableset, or the single
    /// <c>table</c> that <c>/tables/{name}</c> answers (TAPVizieR's tableset lists no columns, so columns come
    /// one table at a time).
    /// </summary>
    public static bool TryParseTables(Stream document, out ServiceSchema schema, out string? error)
    {
        schema = null!;
        if (!TryLoad(document, ["tableset", "table"], out var root, out error))
        {
            return false;
        }
        var tables = root.DescendantsAndSelf().Where(e => e.Name.LocalName == "table").Select(t => new SchemaTable(
            Child(t, "name")?.Trim() ?? "",
            Child(t, "description")?.Trim(),
            [.. t.Elements().Where(e => e.Name.LocalName == "column").Select(c => new SchemaColumn(
                Child(c, "name")?.Trim() ?? "",
                Child(c, "dataType")?.Trim(),
                Child(c, "unit")?.Trim(),
                Child(c, "ucd")?.Trim(),
                Child(c, "description")?.Trim()))]))
            .Where(t => t.Name.Length > 0);
        schema = new ServiceSchema(tables);
        return true;
    }

    private static VosiCapability ReadCapability(XElement capability)
    {
        var interfaces = capability.Elements().Where(e => e.Name.LocalName == "interface").Select(i => new VosiInterface
        {
            Type = (string?)i.Attribute(Xsi + "type"),
            Role = (string?)i.Attribute("role"),
            Version = (string?)i.Attribute("version"),
            AccessUrls = [.. i.Elements().Where(e => e.Name.LocalName == "accessURL").Select(e => e.Value.Trim())],
        });
        var languages = capability.Elements().Where(e => e.Name.LocalName == "language").SelectMany(l =>
        {
            var name = Child(l, "name")?.Trim() ?? "?";
            var versions = l.Elements().Where(e => e.Name.LocalName == "version").Select(v => v.Value.Trim()).ToList();
            return versions.Count == 0 ? [name] : versions.Select(v => $"{name} {v}");
        });
        var limit = capability.Elements().FirstOrDefault(e => e.Name.LocalName == "outputLimit");
        return new VosiCapability
        {
            StandardId = (string?)capability.Attribute("standardID"),
            Type = (string?)capability.Attribute(Xsi + "type"),
            Interfaces = [.. interfaces],
            Languages = [.. languages],
            OutputFormats = [.. capability.Elements().Where(e => e.Name.LocalName == "outputFormat")
                .Select(f => Child(f, "mime")?.Trim()).OfType<string>()],
            UploadMethods = [.. capability.Elements().Where(e => e.Name.LocalName == "uploadMethod")
                .Select(u => (string?)u.Attribute("ivo-id")).OfType<string>()],
            DefaultOutputLimit = Rows(limit, "default"),
            HardOutputLimit = Rows(limit, "hard"),
        };
    }

    private static long? Rows(XElement? limit, string which)
    {
        var e = limit?.Elements().FirstOrDefault(x => x.Name.LocalName == which);
        if (e is null || !string.Equals((string?)e.Attribute("unit") ?? "row", "row", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return long.TryParse(e.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : null;
    }

    private static bool TryLoad(Stream document, string rootName, out XElement root, out string? error) =>
        TryLoad(document, [rootName], out root, out error);

    private static bool TryLoad(Stream document, string[] rootNames, out XElement root, out string? error)
    {
        ArgumentNullException.ThrowIfNull(document);
        root = null!;
        try
        {
            using var reader = XmlReader.Create(document, SafeXml.Settings);
            var doc = XDocument.Load(reader);
            if (doc.Root is null || !rootNames.Contains(doc.Root.Name.LocalName))
            {
                error = $"expected a VOSI {string.Join(" or ", rootNames)} document, found <{doc.Root?.Name.LocalName ?? "nothing"}>";
                return false;
            }
            root = doc.Root;
            error = null;
            return true;
        }
        catch (XmlException ex)
        {
            error = $"the VOSI {string.Join(" or ", rootNames)} document is not well-formed XML: {ex.Message}";
            return false;
        }
    }

    private static string? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;
}
