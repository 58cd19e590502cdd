using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.VoTable.Parsing;

/// <summary>The element readers: FIELD, PARAM, INFO, VALUES, LINK, GROUP, COOSYS, TIMESYS and DATA.</summary>
internal sealed partial class DocumentReader
{
    private async ValueTask<Info> ReadInfoAsync(CancellationToken ct)
    {
        string? name = _x.Attribute("name");
        string? value = _x.Attribute("value");
        var info = new Info
        {
            Name = name ?? "",
            Value = value ?? "",
            Id = _x.Attribute("ID"),
            Ucd = _x.Attribute("ucd"),
            Utype = _x.Attribute("utype"),
            Unit = _x.Attribute("unit"),
            XType = _x.Attribute("xtype"),
            Ref = _x.Attribute("ref"),
        };
        if (name is null)
        {
            ReportHere(VoTableDiagnosticCodes.MissingName, "INFO without a name attribute");
        }
        string? content = await ReadTextAsync(ct).ConfigureAwait(false);
        return content is null ? info : info with { Content = content };
    }

    private async ValueTask<Param> ReadParamAsync(CancellationToken ct)
    {
        string value = _x.Attribute("value") ?? "";
        var field = await ReadFieldAsync(isParam: true, ct).ConfigureAwait(false);
        return new Param
        {
            Name = field.Name,
            DataType = field.DataType,
            ArraySize = field.ArraySize,
            Id = field.Id,
            Unit = field.Unit,
            Ucd = field.Ucd,
            Utype = field.Utype,
            XType = field.XType,
            Ref = field.Ref,
            Width = field.Width,
            Precision = field.Precision,
            Description = field.Description,
            Values = field.Values,
            Links = field.Links,
            Value = value,
        };
    }

    private async ValueTask<Field> ReadFieldAsync(bool isParam, CancellationToken ct)
    {
        string element = isParam ? "PARAM" : "FIELD";
        string? id = _x.Attribute("ID");
        string? name = _x.Attribute("name");
        if (name is null)
        {
            name = id ?? (isParam ? "param" : "col" + ((_openTable?.Fields.Count ?? 0) + 1).ToString(CultureInfo.InvariantCulture));
            ReportHere(VoTableDiagnosticCodes.MissingName, $"{element} without a name attribute; called '{name}'");
        }
        var datatypeText = _x.Attribute("datatype");
        VoDataType datatype;
        if (datatypeText is null)
        {
            datatype = VoDataType.Char;
            ReportHere(VoTableDiagnosticCodes.MissingDatatype, $"{element} '{name}' has no datatype; read as char");
        }
        else if (!VoDataTypes.TryParse(datatypeText.AsSpan().Trim(), out datatype))
        {
            datatype = VoDataType.Char;
            ReportHere(VoTableDiagnosticCodes.UnknownDatatype, $"{element} '{name}' has unknown datatype '{datatypeText}'; read as char");
        }
        var arraysizeText = _x.Attribute("arraysize");
        if (!ArraySize.TryParse(arraysizeText, out var arraySize, out var error))
        {
            arraySize = ArraySize.Variable;
            ReportHere(VoTableDiagnosticCodes.BadArraySize, $"{element} '{name}': {error}; read as '*'");
        }
        if (datatype.IsText() && isParam && arraySize.IsScalar)
        {
            arraySize = ArraySize.Variable; // a char PARAM without arraysize is almost always meant as a string
        }
        int? width = int.TryParse(_x.Attribute("width"), NumberStyles.None, CultureInfo.InvariantCulture, out int w) ? w : null;
        var field = new Field
        {
            Name = name,
            DataType = datatype,
            ArraySize = arraySize,
            Id = id,
            Unit = _x.Attribute("unit"),
            Ucd = _x.Attribute("ucd"),
            Utype = _x.Attribute("utype"),
            XType = _x.Attribute("xtype"),
            Ref = _x.Attribute("ref"),
            Width = width,
            Precision = _x.Attribute("precision"),
        };
        if (_x.IsEmptyElement)
        {
            return field;
        }
        var links = new List<Link>();
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            switch (_x.Name)
            {
                case "DESCRIPTION": field = field with { Description = await ReadTextAsync(ct).ConfigureAwait(false) }; break;
                case "VALUES": field = field with { Values = await ReadValuesAsync(ct).ConfigureAwait(false) }; break;
                case "LINK": links.Add(await ReadLinkAsync(ct).ConfigureAwait(false)); break;
                default: await SkipUnknownAsync(ct).ConfigureAwait(false); break;
            }
        }
        return links.Count == 0 ? field : field with { Links = links };
    }

    private async ValueTask<FieldValues> ReadValuesAsync(CancellationToken ct)
    {
        var values = new FieldValues { Null = _x.Attribute("null"), Ref = _x.Attribute("ref"), Id = _x.Attribute("ID") };
        if (_x.IsEmptyElement)
        {
            return values;
        }
        var options = new List<KeyValuePair<string?, string>>();
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            switch (_x.Name)
            {
                case "MIN":
                    values = values with { Min = _x.Attribute("value"), MinInclusive = !string.Equals(_x.Attribute("inclusive"), "no", StringComparison.OrdinalIgnoreCase) };
                    await SkipElementAsync(ct).ConfigureAwait(false);
                    break;
                case "MAX":
                    values = values with { Max = _x.Attribute("value"), MaxInclusive = !string.Equals(_x.Attribute("inclusive"), "no", StringComparison.OrdinalIgnoreCase) };
                    await SkipElementAsync(ct).ConfigureAwait(false);
                    break;
                case "OPTION":
                    await ReadOptionAsync(options, ct).ConfigureAwait(false);
                    break;
                default: await SkipUnknownAsync(ct).ConfigureAwait(false); break;
            }
        }
        return options.Count == 0 ? values : values with { Options = options };
    }

    private async ValueTask ReadOptionAsync(List<KeyValuePair<string?, string>> options, CancellationToken ct)
    {
        options.Add(new(_x.Attribute("name"), _x.Attribute("value") ?? ""));
        if (_x.IsEmptyElement)
        {
            return;
        }
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            if (_x.Name == "OPTION")
            {
                await ReadOptionAsync(options, ct).ConfigureAwait(false);
            }
            else
            {
                await SkipUnknownAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<Link> ReadLinkAsync(CancellationToken ct)
    {
        var link = new Link
        {
            Href = _x.Attribute("href"),
            ContentRole = _x.Attribute("content-role"),
            ContentType = _x.Attribute("content-type"),
            Title = _x.Attribute("title"),
            Value = _x.Attribute("value"),
            Id = _x.Attribute("ID"),
            Action = _x.Attribute("action"),
        };
        await SkipElementAsync(ct).ConfigureAwait(false);
        return link;
    }

    private async ValueTask<CoordinateSystem> ReadCoosysAsync(CancellationToken ct)
    {
        var coosys = new CoordinateSystem
        {
            Id = _x.Attribute("ID") ?? "",
            System = _x.Attribute("system") ?? "eq_FK5",
            Equinox = _x.Attribute("equinox"),
            Epoch = _x.Attribute("epoch"),
            RefPosition = _x.Attribute("refposition"),
        };
        await SkipElementAsync(ct).ConfigureAwait(false);
        return coosys;
    }

    private async ValueTask<TimeSystem> ReadTimesysAsync(CancellationToken ct)
    {
        var timesys = new TimeSystem
        {
            Id = _x.Attribute("ID") ?? "",
            TimeOrigin = _x.Attribute("timeorigin"),
            TimeScale = _x.Attribute("timescale") ?? "",
            RefPosition = _x.Attribute("refposition") ?? "",
        };
        await SkipElementAsync(ct).ConfigureAwait(false);
        return timesys;
    }

    private async ValueTask<Group> ReadGroupAsync(CancellationToken ct)
    {
        var group = new Group
        {
            Name = _x.Attribute("name"),
            Id = _x.Attribute("ID"),
            Ucd = _x.Attribute("ucd"),
            Utype = _x.Attribute("utype"),
            Ref = _x.Attribute("ref"),
        };
        if (_x.IsEmptyElement)
        {
            return group;
        }
        var fieldRefs = new List<string>();
        var paramRefs = new List<string>();
        var parameters = new List<Param>();
        var groups = new List<Group>();
        string? description = null;
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            switch (_x.Name)
            {
                case "DESCRIPTION": description = await ReadTextAsync(ct).ConfigureAwait(false); break;
                case "FIELDref":
                    fieldRefs.Add(_x.Attribute("ref") ?? "");
                    await SkipElementAsync(ct).ConfigureAwait(false);
                    break;
                case "PARAMref":
                    paramRefs.Add(_x.Attribute("ref") ?? "");
                    await SkipElementAsync(ct).ConfigureAwait(false);
                    break;
                case "PARAM": parameters.Add(await ReadParamAsync(ct).ConfigureAwait(false)); break;
                case "GROUP": groups.Add(await ReadGroupAsync(ct).ConfigureAwait(false)); break;
                default: await SkipUnknownAsync(ct).ConfigureAwait(false); break;
            }
        }
        return group with { Description = description, FieldRefs = fieldRefs, ParamRefs = paramRefs, Params = parameters, Groups = groups };
    }

    // ---- DATA --------------------------------------------------------------------------------------------

    private async ValueTask ReadDataAsync(TableBuilder table, CancellationToken ct)
    {
        if (_x.IsEmptyElement)
        {
            return;
        }
        if (table.Fields.Count == 0)
        {
            ReportHere(VoTableDiagnosticCodes.NoFields, "DATA in a TABLE without FIELDs; skipped");
            await SkipElementAsync(ct).ConfigureAwait(false);
            return;
        }
        table.Slots ??= [.. table.Fields.Select((f, i) => new ColumnSlot(f, i))];
        if (_options.RowBatches is { } batches && table.Batcher is null)
        {
            table.Batcher = new RowBatcher(batches, _tablesWithData++, table.Name);
        }
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            switch (_x.Name)
            {
                case "TABLEDATA":
                    if (_x.IsEmptyElement)
                    {
                        break;
                    }
                    var reader = new TableDataReader(table.Slots, _in, _sink, _x.Prefix, _options.MaxRows, _options.UseMultipleCores, table.Batcher);
                    HandleOutcome(table, await reader.ReadAsync(ct).ConfigureAwait(false), null, -1);
                    break;
                case "BINARY":
                case "BINARY2":
                    await ReadBinaryAsync(table, _x.Name == "BINARY2", ct).ConfigureAwait(false);
                    break;
                case "FITS":
                    ReportHere(VoTableDiagnosticCodes.FitsData, "FITS serialization is not read; the table has no rows");
                    await SkipElementAsync(ct).ConfigureAwait(false);
                    break;
                case "INFO": table.Infos.Add(await ReadInfoAsync(ct).ConfigureAwait(false)); break;
                default: await SkipUnknownAsync(ct).ConfigureAwait(false); break;
            }
        }
    }

    private void HandleOutcome(TableBuilder table, DataOutcome outcome, string? error, long errorOffset)
    {
        switch (outcome)
        {
            case DataOutcome.RowCap:
                table.Truncation = new Truncation(TruncationReason.RowCap,
                    FormattableString.Invariant($"stopped at the row cap of {_options.MaxRows} rows"));
                throw new StopReadingException();
            case DataOutcome.EndedEarly:
                throw new EndOfInputException();
            case DataOutcome.DataError:
                table.Truncation ??= new Truncation(TruncationReason.DataError, "the data could not be decoded past a point: " + error + "; rows decoded before it are kept");
                Report(VoTableDiagnosticCodes.BadBase64, error ?? "bad data", errorOffset);
                break;
        }
    }

    private async ValueTask ReadBinaryAsync(TableBuilder table, bool binary2, CancellationToken ct)
    {
        string element = binary2 ? "BINARY2" : "BINARY";
        if (_x.IsEmptyElement)
        {
            return;
        }
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            if (_x.Name != "STREAM")
            {
                await SkipUnknownAsync(ct).ConfigureAwait(false);
                continue;
            }
            string? encoding = _x.Attribute("encoding");
            string? href = _x.Attribute("href");
            var reader = new BinaryDataReader(table.Slots!, binary2, _sink, _options.MaxRows, _fileInput ? 1 << 20 : 16 * 1024, _options.UseMultipleCores, table.Batcher);
            if (href is null)
            {
                if (_x.IsEmptyElement)
                {
                    continue;
                }
                if (encoding is not null && !encoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
                {
                    ReportHere(VoTableDiagnosticCodes.UnsupportedStream, $"inline {element} STREAM with encoding '{encoding}'; read as base64");
                }
                var feed = new InlineBase64Feed(_in);
                // Feeding ahead already reads on the second thread while this one decodes.
                bool splitWork = _in.SplitWork;
                _in.SplitWork = splitWork && !_fileInput;
                DataOutcome outcome;
                try
                {
                    outcome = await reader.ReadAsync(feed, ct, feedAhead: _fileInput).ConfigureAwait(false);
                }
                finally
                {
                    _in.SplitWork = splitWork;
                }
                if (feed.SkippingNeeded)
                {
                    await feed.SkipRestAsync(ct).ConfigureAwait(false);
                }
                HandleOutcome(table, outcome, reader.ErrorMessage, feed.DataErrorOffset);
                await SkipElementAsync(ct).ConfigureAwait(false); // the STREAM end tag
                continue;
            }
            long tagOffset = _x.TokenOffset;
            await SkipElementAsync(ct).ConfigureAwait(false);
            Stream? source = await OpenHrefAsync(href, tagOffset, ct).ConfigureAwait(false);
            if (source is null)
            {
                continue;
            }
            await using (source.ConfigureAwait(false))
            {
                Stream decoded = source;
                if (encoding is not null && encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
                {
                    decoded = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
                }
                else if (encoding is not null && encoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
                {
                    decoded = new CryptoStream(source, new FromBase64Transform(FromBase64TransformMode.IgnoreWhiteSpaces), CryptoStreamMode.Read, leaveOpen: true);
                }
                else if (encoding is not null && !encoding.Equals("none", StringComparison.OrdinalIgnoreCase) && encoding.Length > 0)
                {
                    Report(VoTableDiagnosticCodes.UnsupportedStream, $"STREAM encoding '{encoding}' is not supported; the table has no rows", tagOffset);
                    continue;
                }
                await using (decoded.ConfigureAwait(false))
                {
                    var feed = new StreamFeed(decoded);
                    var outcome = await reader.ReadAsync(feed, ct).ConfigureAwait(false);
                    if (outcome == DataOutcome.EndedEarly)
                    {
                        outcome = DataOutcome.DataError;
                    }
                    HandleOutcome(table, outcome, reader.ErrorMessage ?? feed.DataError ?? "the href stream ended early", tagOffset);
                }
            }
        }
    }

    private async ValueTask<Stream?> OpenHrefAsync(string href, long tagOffset, CancellationToken ct)
    {
        try
        {
            Uri uri = _options.BaseUri is { } baseUri && !Uri.TryCreate(href, UriKind.Absolute, out _)
                ? new Uri(baseUri, href)
                : new Uri(href, UriKind.RelativeOrAbsolute);
            if (_options.HrefResolver is { } resolver)
            {
                return await resolver(uri, ct).ConfigureAwait(false);
            }
            if (!uri.IsAbsoluteUri)
            {
                return File.OpenRead(href);
            }
            if (uri.IsFile)
            {
                return File.OpenRead(uri.LocalPath);
            }
            Report(VoTableDiagnosticCodes.HrefFailed, $"STREAM href '{href}' needs a resolver (VoTableReaderOptions.HrefResolver); the table has no rows", tagOffset);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UriFormatException or System.Net.Http.HttpRequestException)
        {
            Report(VoTableDiagnosticCodes.HrefFailed, $"STREAM href '{href}' could not be opened: {ex.Message}", tagOffset);
            return null;
        }
    }
}
