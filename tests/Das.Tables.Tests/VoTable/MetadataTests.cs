using System.Text;
using Das.Tables.Model;
using Das.Tables.VoTable;

namespace Das.Tables.Tests.VoTable;

/// <summary>Everything the model holds besides rows: FIELD attributes, VALUES, LINK, PARAM, GROUP, COOSYS, TIMESYS, nested resources.</summary>
public sealed class MetadataTests
{
    private const string Document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <VOTABLE version="1.5" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
          <DESCRIPTION>Top &amp; level</DESCRIPTION>
          <COOSYS ID="sys" system="ICRS" epoch="J2016.0" refposition="BARYCENTER"/>
          <TIMESYS ID="ts" timeorigin="MJD-origin" timescale="TCB" refposition="BARYCENTER"/>
          <INFO name="server" value="http://example.org"/>
          <RESOURCE type="results" name="r1" ID="res1">
            <DESCRIPTION>Results</DESCRIPTION>
            <PARAM name="maxrec" datatype="int" value="20000"/>
            <TABLE name="cat" ID="t1" nrows="1" ucd="meta.table" utype="cat:t">
              <DESCRIPTION>A catalogue</DESCRIPTION>
              <FIELD name="ra" ID="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main" utype="stc:ra" xtype="x" ref="sys" width="10" precision="F6">
                <DESCRIPTION>Right ascension</DESCRIPTION>
                <VALUES null="-999" ID="v1"><MIN value="0" inclusive="yes"/><MAX value="360" inclusive="no"/></VALUES>
                <LINK content-role="doc" href="http://example.org/ra" title="about ra"/>
              </FIELD>
              <FIELD name="band" datatype="char" arraysize="1"><VALUES><OPTION name="green" value="g"><OPTION value="g2"/></OPTION><OPTION value="r"/></VALUES></FIELD>
              <FIELD name="t" datatype="double" ref="ts" xtype="timestamp"/>
              <PARAM name="epoch" datatype="char" arraysize="*" value="J2000" ucd="time.epoch"/>
              <GROUP name="pos" ucd="pos"><DESCRIPTION>position</DESCRIPTION><FIELDref ref="ra"/><PARAMref ref="p1"/><PARAM ID="p1" name="frame" datatype="char" arraysize="*" value="icrs"/><GROUP name="inner"/></GROUP>
              <LINK content-role="query" href="http://example.org/q?id=${ra}"/>
              <DATA><TABLEDATA><TR><TD>-999</TD><TD>g</TD><TD>59000.5</TD></TR></TABLEDATA></DATA>
              <INFO name="note" value="after data">appended</INFO>
            </TABLE>
            <RESOURCE type="meta" utype="adhoc:service" name="dl">
              <PARAM name="accessURL" datatype="char" arraysize="*" value="http://example.org/dl"/>
              <GROUP name="inputParams"><PARAM name="ID" datatype="char" arraysize="*" ref="ra" value=""/></GROUP>
            </RESOURCE>
            <INFO name="QUERY_STATUS" value="OK"/>
          </RESOURCE>
        </VOTABLE>
        """;

    [Fact]
    public async Task All_metadata_elements_are_read()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Document));
        var result = await VoTableReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Empty(result.Diagnostics);
        var doc = result.Document!;
        Assert.Equal("1.5", doc.Version);
        Assert.Equal("Top & level", doc.Description);
        var coosys = Assert.Single(doc.CoordinateSystems);
        Assert.Equal(("sys", "ICRS", "J2016.0", "BARYCENTER"), (coosys.Id, coosys.System, coosys.Epoch, coosys.RefPosition));
        var timesys = Assert.Single(doc.TimeSystems);
        Assert.Equal(("ts", "MJD-origin", "TCB"), (timesys.Id, timesys.TimeOrigin, timesys.TimeScale));
        Assert.Equal("server", Assert.Single(doc.Infos).Name);

        var resource = doc.Resources[0];
        Assert.Equal(("r1", "res1", "Results"), (resource.Name, resource.Id, resource.Description));
        Assert.Equal("20000", Assert.Single(resource.Params).Value);
        Assert.Equal(QueryStatus.Ok, doc.QueryStatus());

        var table = resource.Tables[0];
        Assert.Equal(("cat", "t1", "A catalogue", "meta.table", "cat:t"), (table.Name, table.Id, table.Description, table.Ucd, table.Utype));
        var ra = table.Columns[0].Field;
        Assert.Equal(("ra", "deg", "pos.eq.ra;meta.main", "stc:ra", "x", "sys", 10, "F6"), (ra.Id, ra.Unit, ra.Ucd, ra.Utype, ra.XType, ra.Ref, ra.Width, ra.Precision));
        Assert.Equal("Right ascension", ra.Description);
        Assert.Equal(("-999", "0", true, "360", false), (ra.Values!.Null, ra.Values.Min, ra.Values.MinInclusive, ra.Values.Max, ra.Values.MaxInclusive));
        Assert.Equal("http://example.org/ra", Assert.Single(ra.Links).Href);
        Assert.Null(table.Columns[0].GetValue(0)); // VALUES null in TABLEDATA
        var band = table.Columns[1].Field;
        Assert.Equal(["g", "g2", "r"], band.Values!.Options.Select(o => o.Value));
        Assert.Equal("green", band.Values.Options[0].Key);
        Assert.Equal("g", table.Columns[1].GetValue(0));
        Assert.Equal("timestamp", table.Columns[2].Field.XType);

        Assert.Equal("J2000", Assert.Single(table.Params).Value);
        var group = Assert.Single(table.Groups);
        Assert.Equal(["ra"], group.FieldRefs);
        Assert.Equal(["p1"], group.ParamRefs);
        Assert.Equal("icrs", Assert.Single(group.Params).Value);
        Assert.Equal("inner", Assert.Single(group.Groups).Name);
        Assert.Equal("position", group.Description);
        Assert.Equal("query", Assert.Single(table.Links).ContentRole);
        var note = Assert.Single(table.Infos);
        Assert.Equal(("note", "after data", "appended"), (note.Name, note.Value, note.Content));

        var meta = Assert.Single(resource.Resources);
        Assert.Equal(("meta", "adhoc:service"), (meta.Type, meta.Utype));
        Assert.Equal("http://example.org/dl", Assert.Single(meta.Params).Value);
        Assert.Equal("ID", Assert.Single(Assert.Single(meta.Groups).Params).Name);
        Assert.Equal(2, doc.AllTables().Count() + 1);
    }
}
