using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Tests.Interop;

/// <summary>Hand-made documents: one with every model element, one with the metadata remote services really send.</summary>
internal static class SampleDocuments
{
    public static VoTableDocument EveryElement()
    {
        var id = new StringColumn(new Field
        {
            Name = "id", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Id = "id", Ucd = "meta.id;meta.main",
            Description = "Source identifier",
            Links = [new Link { ContentRole = "doc", Href = "https://example.org/doc#id", Title = "about ids" }],
        });
        var ra = new ScalarColumn<double>(new Field
        {
            Name = "ra", DataType = VoDataType.Double, Id = "ra", Unit = "deg", Ucd = "pos.eq.ra;meta.main", Ref = "icrs",
            Width = 12, Precision = "F8", Utype = "stc:AstroCoords.Position2D.Value2.C1",
        });
        var dec = new ScalarColumn<double>(new Field
        {
            Name = "dec", DataType = VoDataType.Double, Id = "dec", Unit = "deg", Ucd = "pos.eq.dec;meta.main", Ref = "icrs", Precision = "E10",
        });
        var mag = new ScalarColumn<float>(new Field
        {
            Name = "gmag", DataType = VoDataType.Float, Unit = "mag", Ucd = "phot.mag;em.opt.V",
            Values = new FieldValues { Min = "-5", Max = "30", MaxInclusive = false },
        });
        var epoch = new ScalarColumn<double>(new Field
        {
            Name = "obs_time", DataType = VoDataType.Double, Unit = "d", Ucd = "time.epoch", Ref = "tdb",
        });
        var published = new ScalarColumn<double>(new Field
        {
            Name = "published", DataType = VoDataType.Double, Unit = "d", Ucd = "time.creation", Ref = "utc",
        });
        var flux = new ScalarColumn<int>(new Field
        {
            Name = "counts", DataType = VoDataType.Int, Id = "counts", Ucd = "phot.count",
            Values = new FieldValues { Null = "-999", Id = "counts_values" },
        });
        var kind = new StringColumn(new Field
        {
            Name = "kind", DataType = VoDataType.Char, ArraySize = ArraySize.Bounded(6), Ucd = "src.class",
            Values = new FieldValues { Options = [new("star", "STAR"), new("galaxy", "GALAXY"), new(null, "QSO")] },
        });
        string[] ids = ["M 31", "NGC 224", "", "Gaia DR3 1234"];
        for (int r = 0; r < ids.Length; r++)
        {
            if (r == 2)
            {
                id.AppendNull();
                ra.AppendNull();
                mag.AppendNull();
                flux.AppendNull();
                kind.AppendNull();
            }
            else
            {
                id.Append(ids[r]);
                ra.Append(10.684708 + r);
                mag.Append(3.44f + r);
                flux.Append(r * 1000);
                kind.Append(r % 2 == 0 ? "GALAXY" : "STAR");
            }
            dec.Append(41.26875 - r);
            epoch.Append(57388.5 + r);
            published.Append(60000 + r);
        }
        var table = new Table([id, ra, dec, mag, epoch, published, flux, kind])
        {
            Name = "results", Id = "results", Ucd = "meta.id", Description = "Objects near M 31",
            Params = [new Param { Name = "radius", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.angDistance", Value = "0.1", Id = "radius",
                Values = new FieldValues { Min = "0", Max = "10" } }],
            Infos = [new Info { Name = "rows_total", Value = "4", Ucd = "meta.number" }],
            Groups =
            [
                new Group
                {
                    Name = "position", Ucd = "pos.eq.ra", Description = "The position", FieldRefs = ["ra", "dec"], ParamRefs = ["radius"],
                    Params = [new Param { Name = "frame", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Value = "ICRS" }],
                    Groups = [new Group { Name = "inner", FieldRefs = ["counts"] }],
                },
            ],
            Links = [new Link { ContentRole = "doc", Href = "https://example.org/table", Title = "table doc" }],
        };
        var small = new ScalarColumn<short>(new Field { Name = "n", DataType = VoDataType.Short, Ucd = "meta.number" });
        small.Append(7);
        small.AppendNull();
        var nested = new Resource
        {
            Name = "extra", Id = "extra", Description = "A nested resource",
            Tables = [new Table([small]) { Name = "second" }],
        };
        var datalink = new Resource
        {
            Name = "datalink", Type = "meta", Utype = "adhoc:service",
            Params =
            [
                new Param { Name = "accessURL", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Value = "https://example.org/dl?x=1&y=2" },
                new Param { Name = "standardID", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Value = "ivo://ivoa.net/std/DataLink#links-1.1" },
            ],
            Groups = [new Group { Name = "inputParams", Params = [new Param { Name = "ID", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Value = "", Ref = "id", Ucd = "meta.id;meta.main" }] }],
        };
        var main = new Resource
        {
            Name = "main", Id = "main", Description = "Main results",
            Infos = [new Info { Name = "QUERY_STATUS", Value = "OK" }, new Info { Name = "provider", Value = "Das tests", Content = "made by hand" }],
            Params = [new Param { Name = "maxrec", DataType = VoDataType.Int, Value = "1000", Ucd = "meta.number" }],
            CoordinateSystems = [new CoordinateSystem { Id = "icrs", System = "ICRS", Epoch = "J2016.0", RefPosition = "BARYCENTER" }],
            TimeSystems = [new TimeSystem { Id = "tdb", TimeOrigin = "MJD-origin", TimeScale = "TDB", RefPosition = "BARYCENTER" }],
            Groups = [new Group { Name = "meta", Params = [new Param { Name = "note", DataType = VoDataType.Char, Value = "x" }] }],
            Links = [new Link { ContentRole = "doc", Href = "https://example.org/resource" }],
            Tables = [table],
            Resources = [nested, datalink],
        };
        return new VoTableDocument
        {
            Description = "Every element the model holds",
            Infos = [new Info { Name = "das_version", Value = "0.1.0" }],
            Params = [new Param { Name = "query", DataType = VoDataType.Char, Value = "cone(10.68, 41.27, 0.1)" }],
            CoordinateSystems = [new CoordinateSystem { Id = "fk5", System = "eq_FK5", Equinox = "J2000" }],
            TimeSystems = [new TimeSystem { Id = "utc", TimeScale = "UTC", RefPosition = "TOPOCENTER" }],
            Groups = [new Group { Name = "top", Params = [new Param { Name = "p", DataType = VoDataType.Double, Value = "1.5" }] }],
            Resources = [main],
        };
    }

    public static VoTableDocument Hostile()
    {
        var a = new StringColumn(new Field { Name = "ra", DataType = VoDataType.Char, ArraySize = ArraySize.Fixed(3), Id = "ra ra", Ref = "nowhere", Precision = "bad", Width = -3 });
        var b = new ScalarColumn<double>(new Field { Name = "ra", DataType = VoDataType.Double, Id = "1st", Ref = "sys 1" });
        var c = new StringColumn(new Field { Name = " ", DataType = VoDataType.Char, Id = "1st" });
        var d = new ScalarColumn<long>(new Field { Name = "RA", DataType = VoDataType.Long, Values = new FieldValues { Null = "not a number" } });
        string[] texts = ["ok", "a\u0001b\u0007", "<&>\"'", "]]>", "Ωmega", "tab\there", "cr\rlf\nend", "\uD83D\uDE00", "x\uD800y", "\uFFFEz"];
        for (int r = 0; r < texts.Length; r++)
        {
            a.Append(texts[r]);
            b.Append(r);
            c.Append(r % 3 == 0 ? "é" : "e");
            if (r == 4)
            {
                d.AppendNull();
            }
            else
            {
                d.Append(r);
            }
        }
        var table = new Table([a, b, c, d])
        {
            Name = "t\u0002\"name\"",
            Id = "ra ra",
            Description = "desc with \u0001 control, \uFFFF, lone \uDC00 surrogate, ]]> and <script>alert(1)</script>",
            Groups = [new Group { Name = "g", FieldRefs = ["ra ra", "missing"], ParamRefs = ["also missing"], Ref = "nope" }],
            Infos = [new Info { Name = "note", Value = "line1\nline2\t\"quoted\"", Content = "text & <b>bold</b> \u0008" }],
        };
        return new VoTableDocument
        {
            Resources =
            [
                new Resource
                {
                    Name = "2MASS \u0003 J", Id = "2MASS J",
                    Infos = [new Info { Name = "QUERY_STATUS", Value = "OK", Id = "2MASS J" }],
                    CoordinateSystems = [new CoordinateSystem { Id = "sys 1", System = "martian", Equinox = "J2000.0 ", Epoch = "bad" }],
                    Params =
                    [
                        new Param { Name = "hello", DataType = VoDataType.Char, Value = "hello wörld" },
                        new Param { Name = "maxrec", DataType = VoDataType.Int, Value = "N/A" },
                        new Param { Name = "empty", DataType = VoDataType.Double, Value = "" },
                        new Param { Name = "pair", DataType = VoDataType.Float, ArraySize = ArraySize.Fixed(2), Value = "1.5 NaN" },
                    ],
                    Links = [new Link { Href = "https://example.org/?a=1&b=<2>", Id = "1st" }],
                    Tables = [table, new Table([]) { Name = "empty", Infos = [new Info { Name = "note", Value = "no columns" }] }],
                },
            ],
        };
    }
}
