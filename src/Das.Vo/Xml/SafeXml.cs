using System.Xml;

namespace Das.Vo.Xml;

/// <summary>XmlReader settings for documents from remote services: no DTD processing, no external resolution.</summary>
internal static class SafeXml
{
    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        Async = true,
        MaxCharactersInDocument = 64L * 1024 * 1024,
    };

    /// <summary>True when the element's local name matches, whatever its namespace prefix (services vary).</summary>
    public static bool Is(this XmlReader reader, string localName) =>
        reader.NodeType == XmlNodeType.Element && string.Equals(reader.LocalName, localName, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when xsi:nil="true" is set on the current element.</summary>
    public static bool IsNil(this XmlReader reader) =>
        string.Equals(reader.GetAttribute("nil", "http://www.w3.org/2001/XMLSchema-instance"), "true", StringComparison.OrdinalIgnoreCase);
}
