using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Das.Vo.Xml;

namespace Das.Vo.NameResolution;

/// <summary>
/// Reads Sesame's XML output (<c>-ox</c>): Sesame / Target / Resolver elements with jradeg, jdedeg, oname, otype,
/// alias, INFO and ERROR children. A resolver with coordinates out of range is kept without a position.
/// </summary>
public static class SesameParser
{
    /// <summary>Parses one Sesame XML answer; false with the reason when it is not one.</summary>
    public static bool TryParse(Stream document, out SesameResult result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(document);
        result = null!;
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(document, SafeXml.Settings);
            doc = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            error = $"Sesame's answer is not well-formed XML: {ex.Message}";
            return false;
        }
        if (doc.Root is null || doc.Root.Name.LocalName != "Sesame")
        {
            error = $"expected Sesame's XML answer, found <{doc.Root?.Name.LocalName ?? "nothing"}>";
            return false;
        }
        var target = doc.Root.Elements().FirstOrDefault(e => e.Name.LocalName == "Target");
        if (target is null)
        {
            error = "Sesame's answer has no <Target>";
            return false;
        }
        result = new SesameResult
        {
            Name = Text(target, "name") ?? (string?)target.Attribute("name") ?? "",
            Answers = [.. target.Elements().Where(e => e.Name.LocalName == "Resolver").Select(ReadResolver)],
            Messages = Messages(target),
        };
        error = null;
        return true;
    }

    private static SesameResolverAnswer ReadResolver(XElement resolver)
    {
        var name = ((string?)resolver.Attribute("name") ?? "").Trim();
        double? ra = Number(Text(resolver, "jradeg"));
        double? dec = Number(Text(resolver, "jdedeg"));
        if (ra is not (>= 0 and < 360) || dec is not (>= -90 and <= 90))
        {
            ra = dec = null;
        }
        return new SesameResolverAnswer
        {
            ResolverName = name,
            Database = DatabaseOf(name),
            RaDeg = ra,
            DecDeg = dec,
            // Sesame pads SIMBAD names ("M  31"); keep the database's spelling but fold runs of spaces.
            ObjectName = Fold(Text(resolver, "oname")),
            ObjectType = Text(resolver, "otype")?.Trim(),
            Aliases = [.. resolver.Elements().Where(e => e.Name.LocalName == "alias").Select(e => Fold(e.Value)!)],
            Messages = Messages(resolver),
        };
    }

    private static string DatabaseOf(string resolverName)
    {
        int eq = resolverName.IndexOf('=', StringComparison.Ordinal);
        var code = eq > 0 ? resolverName[..eq] : resolverName;
        return code.TrimStart().FirstOrDefault() switch
        {
            'S' => "SIMBAD",
            'N' => "NED",
            'V' => "VizieR",
            _ => resolverName,
        };
    }

    private static IReadOnlyList<string> Messages(XElement parent) =>
        [.. parent.Elements().Where(e => e.Name.LocalName is "INFO" or "ERROR").Select(e => e.Value.Trim()).Where(t => t.Length > 0)];

    private static string? Text(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static double? Number(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;

    private static string? Fold(string? text) =>
        text is null ? null : string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
