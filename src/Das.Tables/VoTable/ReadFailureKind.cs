namespace Das.Tables.VoTable;

/// <summary>Why a body could not be read as a table; each has a user-facing message on <see cref="ReadFailure"/>.</summary>
public enum ReadFailureKind
{
    /// <summary>The body was empty (or only whitespace).</summary>
    EmptyBody,
    /// <summary>An HTML page came back instead of a VOTable (an error page, a login page, a portal).</summary>
    HtmlPage,
    /// <summary>The body is not XML at all (JSON, plain text, binary).</summary>
    NotXml,
    /// <summary>XML, but its root element is not VOTABLE.</summary>
    NotVoTable,
    /// <summary>An XML syntax error; line and column say where.</summary>
    XmlSyntax,
    /// <summary>The source stream failed while reading (I/O error).</summary>
    StreamError,
}
