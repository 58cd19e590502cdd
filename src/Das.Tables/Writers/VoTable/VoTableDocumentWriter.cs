using System.Globalization;
using System.Text.RegularExpressions;
using Group = Das.Tables.Model.Group;
using Das.Tables.Model;

namespace Das.Tables.Writers.VoTable;

/// <summary>Writes the element tree of one document; rows are delegated to the TABLEDATA or BINARY2 encoder.</summary>
internal sealed partial class VoTableDocumentWriter
{
    private static readonly HashSet<string> CooSystems = new(StringComparer.Ordinal)
    {
        "eq_FK4", "eq_FK5", "ICRS", "ecl_FK4", "ecl_FK5", "galactic", "supergalactic", "xy", "barycentric", "geo_app",
    };

    private readonly OutputBuffer _output;
    private readonly XmlMarkup _xml;
    private readonly VoTableWriteOptions _options;
    // votlint warns when two RESOURCEs of a document, or two TABLEs of a RESOURCE, share a name.
    private readonly HashSet<string> _resourceNames = new(StringComparer.Ordinal);

    public VoTableDocumentWriter(OutputBuffer output, VoTableWriteOptions options)
    {
        _output = output;
        _options = options;
        _xml = new XmlMarkup(output, options.Indent);
    }

    public async Task WriteAsync(VoTableDocument document, CancellationToken cancellationToken)
    {
        var scope = IdScope.CreateRoot();
        DeclareCommon(scope, document.Infos, document.Params, document.Groups);
        foreach (var c in document.CoordinateSystems.Where(IsKnown))
        {
            scope.DeclareNew(c, string.IsNullOrWhiteSpace(c.Id) ? "coosys" : c.Id);
        }
        foreach (var t in document.TimeSystems)
        {
            scope.DeclareNew(t, string.IsNullOrWhiteSpace(t.Id) ? "timesys" : t.Id);
        }
        foreach (var r in document.Resources)
        {
            scope.Declare(r, r.Id);
        }

        _output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8);
        _xml.Open("VOTABLE"u8);
        string version = VersionText(document);
        IsVersion15 = version == "1.5";
        _xml.Attr("version"u8, version);
        _xml.Attr("xmlns:xsi"u8, "http://www.w3.org/2001/XMLSchema-instance");
        _xml.Attr("xmlns"u8, VoTableWriter.Namespace);
        _xml.OpenDone();
        _xml.TextElement("DESCRIPTION"u8, document.Description);
        WriteSystems(document.CoordinateSystems, document.TimeSystems, scope);
        WriteParamsGroupsInfos(document.Params, document.Groups, document.Infos, scope);
        if (document.Resources.Count == 0)
        {
            // The schema requires one RESOURCE.
            _xml.Open("RESOURCE"u8);
            _xml.Attr("type"u8, "results");
            _xml.OpenDoneEmpty();
        }
        foreach (var resource in document.Resources)
        {
            await WriteResourceAsync(resource, scope, cancellationToken).ConfigureAwait(false);
        }
        _xml.Close("VOTABLE"u8);
        _output.Write((byte)'\n');
    }

    private string VersionText(VoTableDocument document) => _options.Version switch
    {
        VoTableVersion.Version15 => "1.5",
        VoTableVersion.Version14 => "1.4",
        _ => document.Version.Trim() == "1.5" ? "1.5" : "1.4",
    };

    private async Task WriteResourceAsync(Resource resource, IdScope parent, CancellationToken cancellationToken)
    {
        var scope = parent.CreateChild();
        DeclareCommon(scope, resource.Infos, resource.Params, resource.Groups);
        foreach (var c in resource.CoordinateSystems.Where(IsKnown))
        {
            scope.DeclareNew(c, string.IsNullOrWhiteSpace(c.Id) ? "coosys" : c.Id);
        }
        foreach (var t in resource.TimeSystems)
        {
            scope.DeclareNew(t, string.IsNullOrWhiteSpace(t.Id) ? "timesys" : t.Id);
        }
        foreach (var link in resource.Links)
        {
            scope.Declare(link, link.Id);
        }
        foreach (var t in resource.Tables)
        {
            scope.Declare(t, t.Id);
        }
        foreach (var r in resource.Resources)
        {
            scope.Declare(r, r.Id);
        }

        _xml.Open("RESOURCE"u8);
        _xml.Attr("ID"u8, parent.IdOf(resource));
        _xml.Attr("name"u8, UniqueName(resource.Name, _resourceNames));
        _xml.Attr("type"u8, string.Equals(resource.Type, "meta", StringComparison.OrdinalIgnoreCase) ? "meta" : "results");
        _xml.Attr("utype"u8, resource.Utype);
        _xml.OpenDone();
        _xml.TextElement("DESCRIPTION"u8, resource.Description);
        // The schema needs a FIELD, PARAM or GROUP in a TABLE: a table with none is left out and its INFOs are
        // written with the resource's, so nothing it said is lost.
        var tables = resource.Tables.Where(t => t.Columns.Count + t.Params.Count + t.Groups.Count > 0).ToList();
        foreach (var info in resource.Infos.Concat(resource.Tables.Except(tables).SelectMany(t => t.Infos)))
        {
            WriteInfo(info, scope);
        }
        WriteSystems(resource.CoordinateSystems, resource.TimeSystems, scope);
        WriteParamsGroupsInfos(resource.Params, resource.Groups, [], scope);
        // LINKs may only stand before a TABLE or RESOURCE; without one they cannot be written validly.
        bool linksWritten = tables.Count + resource.Resources.Count == 0;
        var tableNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            WriteLinksOnce(resource.Links, scope, ref linksWritten);
            await WriteTableAsync(table, UniqueName(table.Name, tableNames), scope, cancellationToken).ConfigureAwait(false);
        }
        foreach (var nested in resource.Resources)
        {
            WriteLinksOnce(resource.Links, scope, ref linksWritten);
            await WriteResourceAsync(nested, scope, cancellationToken).ConfigureAwait(false);
        }
        _xml.Close("RESOURCE"u8);
    }

    private void WriteLinksOnce(IReadOnlyList<Link> links, IdScope scope, ref bool written)
    {
        if (!written)
        {
            foreach (var link in links)
            {
                WriteLink(link, scope);
            }
            written = true;
        }
    }

    private static string? UniqueName(string? name, HashSet<string> used)
    {
        if (name is null)
        {
            return null;
        }
        string candidate = name;
        for (int n = 2; !used.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
        }
        return candidate;
    }

    private async Task WriteTableAsync(Table table, string? name, IdScope parent, CancellationToken cancellationToken)
    {
        var scope = parent.CreateChild();
        DeclareCommon(scope, table.Infos, table.Params, table.Groups);
        foreach (var link in table.Links)
        {
            scope.Declare(link, link.Id);
        }
        var plans = VoColumnPlan.For(table, _options.Serialization == VoTableSerialization.Binary2);
        foreach (var plan in plans)
        {
            DeclareField(scope, plan.Source);
        }
        int rows = table.RowCount;

        _xml.Open("TABLE"u8);
        _xml.Attr("ID"u8, parent.IdOf(table));
        _xml.Attr("name"u8, name);
        _xml.Attr("ucd"u8, table.Ucd);
        _xml.Attr("utype"u8, table.Utype);
        _xml.Attr("ref"u8, scope.Resolve(table.Ref));
        if (_options.WriteRowCount)
        {
            _xml.Attr("nrows"u8, rows.ToString(CultureInfo.InvariantCulture));
        }
        _xml.OpenDone();
        _xml.TextElement("DESCRIPTION"u8, table.Description);
        foreach (var info in table.Infos)
        {
            WriteInfo(info, scope);
        }
        foreach (var param in table.Params)
        {
            WriteParam(param, scope);
        }
        foreach (var plan in plans)
        {
            WriteField(plan, scope);
        }
        foreach (var group in table.Groups)
        {
            WriteGroup(group, scope);
        }
        foreach (var link in table.Links)
        {
            WriteLink(link, scope);
        }
        if (plans.Count > 0)
        {
            if (_options.Serialization == VoTableSerialization.TableData)
            {
                await TableDataEncoder.WriteAsync(_xml, plans, rows, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Binary2Encoder.WriteAsync(_xml, plans, rows, _options.Base64LineLength, cancellationToken).ConfigureAwait(false);
            }
        }
        _xml.Close("TABLE"u8);
    }

    private static void DeclareCommon(IdScope scope, IReadOnlyList<Info> infos, IReadOnlyList<Param> parameters, IReadOnlyList<Group> groups)
    {
        foreach (var info in infos)
        {
            scope.Declare(info, info.Id);
        }
        foreach (var param in parameters)
        {
            DeclareField(scope, param);
        }
        foreach (var group in groups)
        {
            DeclareGroup(scope, group);
        }
    }

    private static void DeclareField(IdScope scope, Field field)
    {
        scope.Declare(field, field.Id);
        if (field.Values is { } values)
        {
            scope.Declare(values, values.Id);
        }
        foreach (var link in field.Links)
        {
            scope.Declare(link, link.Id);
        }
    }

    private static void DeclareGroup(IdScope scope, Group group)
    {
        scope.Declare(group, group.Id);
        foreach (var param in group.Params)
        {
            DeclareField(scope, param);
        }
        foreach (var nested in group.Groups)
        {
            DeclareGroup(scope, nested);
        }
    }

    private bool IsVersion15 { get; set; }

    private void WriteSystems(IReadOnlyList<CoordinateSystem> coordinateSystems, IReadOnlyList<TimeSystem> timeSystems, IdScope scope)
    {
        foreach (var c in coordinateSystems.Where(IsKnown))
        {
            _xml.Open("COOSYS"u8);
            _xml.Attr("ID"u8, scope.IdOf(c));
            _xml.Attr("system"u8, c.System);
            _xml.Attr("equinox"u8, Epoch(c.Equinox));
            _xml.Attr("epoch"u8, Epoch(c.Epoch));
            // COOSYS refposition is new in VOTable 1.5; the 1.4 schema rejects it.
            _xml.Attr("refposition"u8, IsVersion15 ? NullIfBlank(c.RefPosition) : null);
            _xml.OpenDoneEmpty();
        }
        foreach (var t in timeSystems)
        {
            _xml.Open("TIMESYS"u8);
            _xml.Attr("ID"u8, scope.IdOf(t));
            _xml.Attr("timeorigin"u8, TimeOrigin(t.TimeOrigin));
            _xml.Attr("timescale"u8, t.TimeScale);
            _xml.Attr("refposition"u8, t.RefPosition);
            _xml.OpenDoneEmpty();
        }
    }

    private void WriteParamsGroupsInfos(IReadOnlyList<Param> parameters, IReadOnlyList<Group> groups, IReadOnlyList<Info> infos, IdScope scope)
    {
        foreach (var param in parameters)
        {
            WriteParam(param, scope);
        }
        foreach (var group in groups)
        {
            WriteGroup(group, scope);
        }
        foreach (var info in infos)
        {
            WriteInfo(info, scope);
        }
    }

    private void WriteInfo(Info info, IdScope scope)
    {
        _xml.Open("INFO"u8);
        _xml.Attr("ID"u8, scope.IdOf(info));
        _xml.Attr("name"u8, info.Name);
        _xml.Attr("value"u8, info.Value);
        _xml.Attr("unit"u8, NullIfBlank(info.Unit));
        _xml.Attr("xtype"u8, NullIfBlank(info.XType));
        _xml.Attr("ref"u8, scope.Resolve(info.Ref));
        _xml.Attr("ucd"u8, NullIfBlank(info.Ucd));
        _xml.Attr("utype"u8, NullIfBlank(info.Utype));
        if (string.IsNullOrEmpty(info.Content))
        {
            _xml.OpenDoneEmpty();
        }
        else
        {
            _xml.TextContentAndClose("INFO"u8, info.Content);
        }
    }

    private void WriteField(VoColumnPlan plan, IdScope scope)
    {
        _xml.Open("FIELD"u8);
        _xml.Attr("name"u8, plan.Name);
        _xml.Attr("ID"u8, scope.IdOf(plan.Source));
        WriteFieldAttributes(plan.Source, plan.DataType, plan.ArraySize, scope);
        WriteFieldChildren("FIELD"u8, plan.Source, plan.NullValue, scope);
    }

    private void WriteParam(Param param, IdScope scope)
    {
        _xml.Open("PARAM"u8);
        _xml.Attr("name"u8, string.IsNullOrWhiteSpace(param.Name) ? "param" : param.Name);
        _xml.Attr("ID"u8, scope.IdOf(param));
        var size = param.ArraySize;
        var dataType = param.DataType;
        if (dataType.IsText() && size.Rank <= 1)
        {
            // The same adjustments as for FIELDs (VoColumnPlan), applied to the one value.
            int? limit = size.IsScalar ? 0 : size.IsVariable ? size.MaxLast : size.Dimensions[0];
            if (size.IsScalar || (limit is int l && param.Value.Length > l))
            {
                size = ArraySize.Variable;
            }
            if (dataType == VoDataType.Char && !System.Text.Ascii.IsValid(param.Value))
            {
                dataType = VoDataType.UnicodeChar;
            }
        }
        if (!dataType.IsText() && !IsValidValue(dataType, size, param.Value))
        {
            // A value that does not parse as its datatype (remote services send "" or "N/A" for numbers) would
            // make the document invalid; it is kept, verbatim, as text.
            dataType = VoDataType.Char;
            size = ArraySize.Variable;
        }
        WriteFieldAttributes(param, dataType, size, scope);
        _xml.Attr("value"u8, param.Value);
        WriteFieldChildren("PARAM"u8, param, param.Values?.Null, scope);
    }

    private void WriteFieldAttributes(Field field, VoDataType dataType, ArraySize size, IdScope scope)
    {
        _xml.Attr("datatype"u8, dataType.ToVoName());
        _xml.Attr("arraysize"u8, size.ToString());
        _xml.Attr("unit"u8, NullIfBlank(field.Unit));
        _xml.Attr("ucd"u8, NullIfBlank(field.Ucd));
        _xml.Attr("utype"u8, NullIfBlank(field.Utype));
        _xml.Attr("xtype"u8, NullIfBlank(field.XType));
        _xml.Attr("ref"u8, scope.Resolve(field.Ref));
        _xml.Attr("width"u8, field.Width is > 0 and int w ? w.ToString(CultureInfo.InvariantCulture) : null);
        _xml.Attr("precision"u8, field.Precision is { } p && PrecisionPattern().IsMatch(p) ? p : null);
    }

    private void WriteFieldChildren(ReadOnlySpan<byte> element, Field field, string? nullValue, IdScope scope)
    {
        var values = field.Values;
        bool hasValues = nullValue is not null || values is not null &&
            (values.Min is not null || values.Max is not null || values.Options.Count > 0);
        if (field.Description is null && !hasValues && field.Links.Count == 0)
        {
            _xml.OpenDoneEmpty();
            return;
        }
        _xml.OpenDone();
        _xml.TextElement("DESCRIPTION"u8, field.Description);
        if (hasValues)
        {
            WriteValues(values, nullValue, scope);
        }
        foreach (var link in field.Links)
        {
            WriteLink(link, scope);
        }
        _xml.Close(element);
    }

    private void WriteValues(FieldValues? values, string? nullValue, IdScope scope)
    {
        _xml.Open("VALUES"u8);
        _xml.Attr("ID"u8, values is null ? null : scope.IdOf(values));
        _xml.Attr("null"u8, nullValue);
        _xml.Attr("ref"u8, scope.Resolve(values?.Ref));
        if (values is null || values.Min is null && values.Max is null && values.Options.Count == 0)
        {
            _xml.OpenDoneEmpty();
            return;
        }
        _xml.OpenDone();
        WriteLimit("MIN"u8, values.Min, values.MinInclusive);
        WriteLimit("MAX"u8, values.Max, values.MaxInclusive);
        foreach (var (name, value) in values.Options)
        {
            _xml.Open("OPTION"u8);
            _xml.Attr("name"u8, name);
            _xml.Attr("value"u8, value);
            _xml.OpenDoneEmpty();
        }
        _xml.Close("VALUES"u8);
    }

    private void WriteLimit(ReadOnlySpan<byte> element, string? value, bool inclusive)
    {
        if (value is null)
        {
            return;
        }
        _xml.Open(element);
        _xml.Attr("value"u8, value);
        _xml.Attr("inclusive"u8, inclusive ? null : "no");
        _xml.OpenDoneEmpty();
    }

    private void WriteGroup(Group group, IdScope scope)
    {
        _xml.Open("GROUP"u8);
        _xml.Attr("ID"u8, scope.IdOf(group));
        _xml.Attr("name"u8, group.Name);
        _xml.Attr("ref"u8, scope.Resolve(group.Ref));
        _xml.Attr("ucd"u8, NullIfBlank(group.Ucd));
        _xml.Attr("utype"u8, NullIfBlank(group.Utype));
        _xml.OpenDone();
        _xml.TextElement("DESCRIPTION"u8, group.Description);
        WriteRefs("FIELDref"u8, group.FieldRefs, scope);
        WriteRefs("PARAMref"u8, group.ParamRefs, scope);
        foreach (var param in group.Params)
        {
            WriteParam(param, scope);
        }
        foreach (var nested in group.Groups)
        {
            WriteGroup(nested, scope);
        }
        _xml.Close("GROUP"u8);
    }

    private void WriteRefs(ReadOnlySpan<byte> element, IReadOnlyList<string> refs, IdScope scope)
    {
        foreach (var original in refs)
        {
            if (scope.Resolve(original) is { } id)
            {
                _xml.Open(element);
                _xml.Attr("ref"u8, id);
                _xml.OpenDoneEmpty();
            }
        }
    }

    private void WriteLink(Link link, IdScope scope)
    {
        _xml.Open("LINK"u8);
        _xml.Attr("ID"u8, scope.IdOf(link));
        _xml.Attr("content-role"u8, NullIfBlank(link.ContentRole));
        _xml.Attr("content-type"u8, NullIfBlank(link.ContentType));
        _xml.Attr("title"u8, link.Title);
        _xml.Attr("value"u8, link.Value);
        _xml.Attr("href"u8, NullIfBlank(link.Href));
        _xml.Attr("action"u8, NullIfBlank(link.Action));
        _xml.OpenDoneEmpty();
    }

    /// <summary>True when a PARAM value parses as the datatype (scalars) or as whitespace-separated elements (arrays).</summary>
    private static bool IsValidValue(VoDataType type, ArraySize size, string value)
    {
        var parts = value.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (size.IsScalar && type is not (VoDataType.FloatComplex or VoDataType.DoubleComplex) && parts.Length != 1)
        {
            return false;
        }
        var inv = CultureInfo.InvariantCulture;
        foreach (var p in parts)
        {
            bool ok = type switch
            {
                VoDataType.Boolean => p.Length > 0 && "TtFf?10".Contains(p[0], StringComparison.Ordinal) || bool.TryParse(p, out _),
                VoDataType.Bit => p.All(c => c is '0' or '1'),
                VoDataType.UnsignedByte => byte.TryParse(p, NumberStyles.Integer, inv, out _),
                VoDataType.Short => short.TryParse(p, NumberStyles.Integer, inv, out _),
                VoDataType.Int => int.TryParse(p, NumberStyles.Integer, inv, out _),
                VoDataType.Long => long.TryParse(p, NumberStyles.Integer, inv, out _),
                _ => p is "NaN" or "+Inf" or "-Inf" or "Inf" || double.TryParse(p, NumberStyles.Float, inv, out _),
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A COOSYS with a system outside the schema's list is left out (and refs to it dropped): writing it would be
    /// invalid, and writing another system would be wrong.
    /// </summary>
    private static bool IsKnown(CoordinateSystem c) => CooSystems.Contains(c.System);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string? Epoch(string? text) =>
        text is not null && EpochPattern().IsMatch(text.Trim()) ? text.Trim() : null;

    private static string? TimeOrigin(string? text)
    {
        string? t = text?.Trim();
        return t is "MJD-origin" or "JD-origin" ||
            double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? t : null;
    }

    [GeneratedRegex("^[JB]?[0-9]+([.][0-9]*)?$")]
    private static partial Regex EpochPattern();

    [GeneratedRegex("^[EF]?[1-9][0-9]*$")]
    private static partial Regex PrecisionPattern();
}
