using System.Globalization;
using System.Text;

namespace Das.Engine.Tests.Support;

/// <summary>VOTables the fake archives send: a cone-search answer with a given number of rows, and its failures.</summary>
internal static class VoTables
{
    private const string Header =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
        "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">" +
        "<INFO name=\"QUERY_STATUS\" value=\"@STATUS@\"/><TABLE name=\"cone\">" +
        "<FIELD name=\"id\" datatype=\"long\" ucd=\"meta.id;meta.main\"/>" +
        "<FIELD name=\"name\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.id\"/>" +
        "<FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra;meta.main\"/>" +
        "<FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec;meta.main\"/>" +
        "<FIELD name=\"mag\" datatype=\"float\" unit=\"mag\" ucd=\"phot.mag\"/>" +
        "<DATA><TABLEDATA>\n";

    private const string Footer = "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n";

    /// <summary>A complete answer with <paramref name="rows"/> rows; every third magnitude is null.</summary>
    public static string Cone(int rows, string status = "OK")
    {
        var xml = new StringBuilder(Header.Replace("@STATUS@", status, StringComparison.Ordinal));
        for (int i = 0; i < rows; i++)
        {
            string mag = i % 3 == 2 ? "" : (15 + i * 0.01).ToString("0.00", CultureInfo.InvariantCulture);
            xml.Append(CultureInfo.InvariantCulture,
                $"<TR><TD>{i + 1}</TD><TD>star {i + 1}</TD><TD>{160.25 + i * 1e-4:0.0000000}</TD><TD>{41.27 - i * 1e-4:0.0000000}</TD><TD>{mag}</TD></TR>\n");
        }
        return xml.Append(Footer).ToString();
    }

    /// <summary>QUERY_STATUS=ERROR with the service's own words, sent with HTTP 200 (as DaCHS does).</summary>
    public static string QueryError(string message) =>
        "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">" +
        $"<INFO name=\"QUERY_STATUS\" value=\"ERROR\">{message}</INFO></RESOURCE></VOTABLE>";
}
