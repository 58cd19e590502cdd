using System.Globalization;
using System.Security;
using System.Text;

namespace Das.Browser.Tests;

/// <summary>What the fake archives answer: cone-search VOTables written here, named by what they provoke.</summary>
internal static class ArchiveAnswers
{
    public const double Ra = 334.02;
    public const double Dec = -7.8988;

    /// <summary>An object of a cone answer: offsets from the test position in arcsec, a magnitude and a preview URL.</summary>
    public sealed record Star(long Id, double DRaArcsec, double DDecArcsec, double Mag, string Url)
    {
        public double RaDeg => Ra + DRaArcsec / 3600 / Math.Cos(Dec * Math.PI / 180);

        public double DecDeg => Dec + DDecArcsec / 3600;
    }

    /// <summary>An SCS answer with an id, a position (UCDs pos.eq.*;meta.main, unit deg), a magnitude (mag) and a link column.</summary>
    public static string Cone(params Star[] stars) => Cone(null, stars);

    /// <summary>
    /// The same answer with one more column whose name, unit, description and cells are <paramref name="hostile"/>
    /// markup (XML-escaped here, so the service "means" the markup as text), or without it when null.
    /// </summary>
    public static string Cone(string? hostile, params Star[] stars)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">")
           .Append("<INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE name=\"cone\">")
           .Append("<FIELD name=\"id\" datatype=\"long\" ucd=\"meta.id;meta.main\"/>")
           .Append("<FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra;meta.main\"/>")
           .Append("<FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec;meta.main\"/>")
           .Append("<FIELD name=\"gmag\" datatype=\"float\" unit=\"mag\" ucd=\"phot.mag;em.opt.B\"/>")
           .Append("<FIELD name=\"preview\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.ref.url\"/>");
        if (hostile is not null)
        {
            var h = SecurityElement.Escape(hostile);
            xml.Append(CultureInfo.InvariantCulture, $"<FIELD name=\"{h}\" datatype=\"char\" arraysize=\"*\" unit=\"{h}\"><DESCRIPTION>{h}</DESCRIPTION></FIELD>");
        }
        xml.Append("<DATA><TABLEDATA>");
        foreach (var s in stars)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<TR><TD>{s.Id}</TD><TD>{s.RaDeg:R}</TD><TD>{s.DecDeg:R}</TD><TD>{s.Mag:R}</TD><TD>{SecurityElement.Escape(s.Url)}</TD>")
               .Append(hostile is null ? "" : $"<TD>{SecurityElement.Escape(hostile)}</TD>").Append("</TR>");
        }
        return xml.Append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>").ToString();
    }

    /// <summary>A VOTable whose QUERY_STATUS is ERROR with <paramref name="message"/> as the service's words (XML-escaped here).</summary>
    public static string QueryError(string message) =>
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">" +
        $"<INFO name=\"QUERY_STATUS\" value=\"ERROR\">{SecurityElement.Escape(message)}</INFO></RESOURCE></VOTABLE>";

    /// <summary>Sesame's XML for one name found by SIMBAD.</summary>
    public static string SesameFound(string name, double ra, double dec, string otype) => FormattableString.Invariant(
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Sesame><Target option="SNV"><name>{SecurityElement.Escape(name)}</name>
        <Resolver name="S=Simbad (CDS, via client/server):    1"><otype>{otype}</otype><jradeg>{ra}</jradeg><jdedeg>{dec}</jdedeg><oname>{SecurityElement.Escape(name)}</oname></Resolver>
        </Target></Sesame>
        """);
}
