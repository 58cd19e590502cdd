using System.Globalization;
using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.VoTable.Parsing;

/// <summary>Reading stopped on purpose (row cap): unwind and build what was read.</summary>
internal sealed class StopReadingException : Exception
{
    public StopReadingException()
    {
    }

    public StopReadingException(string message)
        : base(message)
    {
    }

    public StopReadingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Reads one VOTable document: the element structure through <see cref="XmlScanner"/>, the rows through
/// <see cref="TableDataReader"/> and <see cref="BinaryDataReader"/>. Every way a body can fail becomes a value.
/// </summary>
internal sealed partial class DocumentReader
{
    private static readonly string[] KnownNamespaces =
    [
        "http://www.ivoa.net/xml/VOTable/v1.1",
        "http://www.ivoa.net/xml/VOTable/v1.2",
        "http://www.ivoa.net/xml/VOTable/v1.3",
        "http://www.ivoa.net/xml/VOTable/v1.4",
        "http://www.ivoa.net/xml/VOTable/v1.5",
        "http://vizier.u-strasbg.fr/xml/VOTable-1.1.xsd",
        "http://www.ivoa.net/xml/VOTable/VOTable-1.1.xsd",
    ];

    private readonly VoTableReaderOptions _options;
    private readonly DiagnosticSink _sink;
    private readonly InputBuffer _in;
    private readonly XmlScanner _x;
    private readonly bool _fileInput;
    private int _tablesWithData;
    private readonly List<ResourceBuilder> _resources = [];
    private readonly List<Info> _infos = [];
    private readonly List<Param> _params = [];
    private readonly List<CoordinateSystem> _coosys = [];
    private readonly List<TimeSystem> _timesys = [];
    private readonly List<Group> _groups = [];
    private string? _description;
    private string _version = "1.4";
    private TableBuilder? _openTable;
    private bool _sawRoot;

    public DocumentReader(InputBuffer input, VoTableReaderOptions options, DiagnosticSink sink, bool fileInput)
    {
        _in = input;
        _options = options;
        _sink = sink;
        _x = new XmlScanner(input);
        _fileInput = fileInput;
    }

    public async Task<VoTableReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        ReadFailure? failure = null;
        try
        {
            failure = await SniffAsync(cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                await ReadRootAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (EndOfInputException)
        {
            MarkOpenTable(EndReason());
            failure = StreamFailure();
            if (_sawRoot && failure is null)
            {
                Report(VoTableDiagnosticCodes.DocumentEndedEarly, EndMessage(), _in.AbsolutePosition);
            }
        }
        catch (NotVoTableException ex)
        {
            bool html = ex.Root.Equals("html", StringComparison.OrdinalIgnoreCase);
            failure = html
                ? await ReadHtmlFailureAsync(cancellationToken).ConfigureAwait(false)
                : new ReadFailure
                {
                    Kind = ReadFailureKind.NotVoTable,
                    Message = $"The answer is XML but not a VOTable: its root element is <{ex.Root}>.",
                    BodyStart = BodyStart(_in.Data.AsSpan(0, Math.Min(_in.End, 120))),
                };
            if (!html && _sink.Strictness != VoTableStrictness.Ignore && _sink.Strictness != VoTableStrictness.Strict)
            {
                ReportHere(VoTableDiagnosticCodes.NotVoTable, $"the root element is <{ex.Root}>, not VOTABLE");
            }
        }
        catch (StopReadingException)
        {
            // row cap: the table is already marked
        }
        catch (XmlSyntaxException ex)
        {
            var (line, column) = _in.LineColumn(ex.Offset);
            MarkOpenTable(new Truncation(TruncationReason.DataError, "reading stopped at an XML syntax error: " + ex.Message));
            failure = new ReadFailure
            {
                Kind = ReadFailureKind.XmlSyntax,
                Message = FormattableString.Invariant($"The document is not well-formed XML at line {line}, column {column}: {ex.Message}."),
                Line = line,
                Column = column,
                ByteOffset = ex.Offset,
            };
            if (_sink.Strictness != VoTableStrictness.Ignore)
            {
                _sink.Report(VoTableDiagnosticCodes.XmlSyntax, ex.Message, line, column, ex.Offset);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidDataException or FormatException or OverflowException)
        {
            // Safety net: a body malformed in a way no check above anticipated is still a value, not a crash.
            long offset = _in.AbsolutePosition;
            var (line, column) = _in.LineColumn(offset);
            MarkOpenTable(new Truncation(TruncationReason.DataError, "reading stopped at malformed content: " + ex.Message));
            failure = new ReadFailure
            {
                Kind = ReadFailureKind.XmlSyntax,
                Message = FormattableString.Invariant($"The document could not be read past line {line}, column {column}: {ex.Message}"),
                Line = line,
                Column = column,
                ByteOffset = offset,
            };
        }
        failure ??= StreamFailure();
        if (!_sawRoot && failure is null)
        {
            failure = new ReadFailure
            {
                Kind = ReadFailureKind.NotVoTable,
                Message = FormattableString.Invariant($"The answer contains no VOTABLE element (it ended after {_in.TotalRead} bytes)."),
                BodyStart = BodyStart(_in.Data.AsSpan(0, Math.Min(_in.End, 120))),
                ByteOffset = _in.TotalRead,
            };
        }
        VoTableDocument? document = _sawRoot ? BuildDocument() : null;
        return new VoTableReadResult
        {
            Document = document,
            Failure = failure,
            Diagnostics = _sink.Kept,
            SuppressedDiagnostics = _sink.Suppressed,
            BytesRead = _in.TotalRead,
        };
    }

    private Truncation EndReason() => _in.ByteCapReached
        ? new Truncation(TruncationReason.ByteCap, FormattableString.Invariant($"stopped at the byte cap of {_options.MaxBytes} bytes"))
        : new Truncation(TruncationReason.DocumentEndedEarly, EndMessage());

    private string EndMessage() => _in.StreamError is { } error
        ? $"the connection failed while reading ({error.Message}); rows read so far are kept"
        : "the document ended before its end tags (cut connection or truncated file); rows read so far are kept";

    private ReadFailure? StreamFailure() => _in.StreamError is { } error
        ? new ReadFailure { Kind = ReadFailureKind.StreamError, Message = "Reading the answer failed: " + error.Message, ByteOffset = _in.TotalRead }
        : null;

    private void MarkOpenTable(Truncation truncation)
    {
        if (_openTable is { Truncation: null } table)
        {
            table.Truncation = truncation;
        }
    }

    private VoTableDocument BuildDocument()
    {
        var document = new VoTableDocument
        {
            Version = _version,
            Description = _description,
            Infos = [.. _infos],
            Params = [.. _params],
            CoordinateSystems = [.. _coosys],
            TimeSystems = [.. _timesys],
            Groups = [.. _groups],
            Resources = [.. _resources.Select(r => r.Build())],
        };
        if (document.QueryStatus() == QueryStatus.Overflow && document.FirstResultsTable() is { Truncation: null } results)
        {
            var info = document.QueryStatusInfo();
            string text = string.IsNullOrWhiteSpace(info?.Content) ? "" : ": " + info!.Content!.Trim();
            results.Truncation = new Truncation(TruncationReason.ServiceOverflow, "the service cut the result at its row limit (QUERY_STATUS=OVERFLOW)" + text);
            if (_sink.WouldKeep(VoTableDiagnosticCodes.Overflow))
            {
                _sink.Report(VoTableDiagnosticCodes.Overflow, results.Truncation.Message);
            }
        }
        foreach (var table in document.AllTables())
        {
            if (table.DeclaredRowCount is long declared && !table.IsTruncated && declared != table.RowCount)
            {
                Report(VoTableDiagnosticCodes.RowCountMismatch,
                    FormattableString.Invariant($"TABLE '{table.Name}' declares nrows={declared} but has {table.RowCount} rows"), -1);
            }
        }
        return document;
    }

    private void Report(string code, string message, long offset, long row = -1, string? field = null)
    {
        if (!_sink.WouldKeep(code))
        {
            _sink.Count(code);
            return;
        }
        var (line, column) = offset >= 0 ? _in.LineColumn(offset) : (0, 0);
        _sink.Report(code, message, line, column, offset, row, field);
    }

    private void ReportHere(string code, string message) => Report(code, message, _x.TokenOffset);

    // ---- sniffing: empty body, HTML, not XML --------------------------------------------------------------

    private async ValueTask<ReadFailure?> SniffAsync(CancellationToken cancellationToken)
    {
        while (_in.End - _in.Position < 2048 && await _in.FillAsync(cancellationToken).ConfigureAwait(false))
        {
        }
        var head = _in.Available;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _in.Position += 3;
            head = head[3..];
        }
        var trimmed = head.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            if (_in.StreamError is not null)
            {
                return StreamFailure();
            }
            return new ReadFailure { Kind = ReadFailureKind.EmptyBody, Message = "The service returned an empty answer (no bytes, or only whitespace) instead of a VOTable.", ByteOffset = 0 };
        }
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return new ReadFailure { Kind = ReadFailureKind.NotXml, Message = "The answer is UTF-16 text; only UTF-8 (and ASCII/ISO-8859-1) VOTables are read.", BodyStart = BodyStart(head) };
        }
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return new ReadFailure { Kind = ReadFailureKind.NotXml, Message = "The answer is gzip-compressed; decompress it before reading (HttpClient does so when AutomaticDecompression is on).", BodyStart = BodyStart(head) };
        }
        if (HtmlPage.LooksLikeHtml(trimmed))
        {
            return await ReadHtmlFailureAsync(cancellationToken).ConfigureAwait(false);
        }
        if (trimmed[0] != (byte)'<')
        {
            string what = trimmed[0] is (byte)'{' or (byte)'[' ? "JSON" : "text that is not XML";
            return new ReadFailure
            {
                Kind = ReadFailureKind.NotXml,
                Message = $"The service returned {what} instead of a VOTable; it starts with \"{BodyStart(trimmed)}\".",
                BodyStart = BodyStart(trimmed),
                ByteOffset = 0,
            };
        }
        return null;
    }

    private async ValueTask<ReadFailure> ReadHtmlFailureAsync(CancellationToken cancellationToken)
    {
        // Read up to 256 KiB looking for the title.
        string? title = null;
        while (true)
        {
            title = HtmlPage.Title(_in.Available);
            if (title is not null || _in.End - _in.Position > 256 * 1024 || !await _in.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
        string message = title is null
            ? "The service returned an HTML page instead of a VOTable (an error or login page?)."
            : $"The service returned an HTML page instead of a VOTable: \"{title}\".";
        return new ReadFailure { Kind = ReadFailureKind.HtmlPage, Message = message, HtmlTitle = title, BodyStart = BodyStart(_in.Available), ByteOffset = 0 };
    }

    internal static string BodyStart(ReadOnlySpan<byte> head)
    {
        var text = System.Text.Encoding.UTF8.GetString(head[..Math.Min(head.Length, 120)]);
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\n' or '\r' or '\t')
            {
                sb.Append(' ');
            }
            else if (char.IsControl(c) || c == '\uFFFD')
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }

    // ---- structure ---------------------------------------------------------------------------------------

    private async ValueTask ReadRootAsync(CancellationToken ct)
    {
        while (true)
        {
            var kind = await _x.ReadAsync(ct).ConfigureAwait(false);
            if (kind == XmlTokenKind.EndOfInput)
            {
                throw new EndOfInputException();
            }
            if (kind == XmlTokenKind.StartElement)
            {
                break;
            }
            if (kind == XmlTokenKind.EndElement)
            {
                throw new XmlSyntaxException("an end tag before any element", _x.TokenOffset);
            }
        }
        if (!string.Equals(_x.Name, "VOTABLE", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotVoTableException(_x.Name);
        }
        _sawRoot = true;
        CheckVersionAndNamespace();
        if (_x.IsEmptyElement)
        {
            ReportHere(VoTableDiagnosticCodes.NoResource, "the VOTABLE element has no RESOURCE");
            return;
        }
        await ReadVoTableChildrenAsync(ct).ConfigureAwait(false);
        if (_resources.Count == 0)
        {
            Report(VoTableDiagnosticCodes.NoResource, "the VOTABLE element has no RESOURCE", -1);
        }
    }

    private void CheckVersionAndNamespace()
    {
        string? version = _x.Attribute("version");
        string? ns = _x.Prefix.Length == 0 ? _x.Attribute("xmlns") : _x.Attribute("xmlns:" + _x.Prefix.TrimEnd(':'));
        if (version is null)
        {
            ReportHere(VoTableDiagnosticCodes.NoVersion, "no version attribute on VOTABLE; read as VOTable 1.4");
        }
        else if (version.Trim() is "1.0" or "1.1" or "1.2" or "1.3" or "1.4" or "1.5")
        {
            _version = version.Trim();
        }
        else
        {
            _version = version;
            ReportHere(VoTableDiagnosticCodes.UnknownVersion, $"VOTable version '{version}' is not one of 1.1–1.5; read on as 1.4");
        }
        if (ns is null)
        {
            ReportHere(VoTableDiagnosticCodes.NoNamespace, "no XML namespace on VOTABLE");
        }
        else if (!KnownNamespaces.Contains(ns.Trim(), StringComparer.Ordinal))
        {
            ReportHere(VoTableDiagnosticCodes.UnknownNamespace, $"unknown VOTable namespace '{ns}'; read on because the structure is recognisable");
        }
    }

    private async ValueTask ReadVoTableChildrenAsync(CancellationToken ct)
    {
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            switch (_x.Name)
            {
                case "DESCRIPTION": _description = await ReadTextAsync(ct).ConfigureAwait(false); break;
                case "INFO": _infos.Add(await ReadInfoAsync(ct).ConfigureAwait(false)); break;
                case "PARAM": _params.Add(await ReadParamAsync(ct).ConfigureAwait(false)); break;
                case "COOSYS": _coosys.Add(await ReadCoosysAsync(ct).ConfigureAwait(false)); break;
                case "TIMESYS": _timesys.Add(await ReadTimesysAsync(ct).ConfigureAwait(false)); break;
                case "GROUP": _groups.Add(await ReadGroupAsync(ct).ConfigureAwait(false)); break;
                case "DEFINITIONS": await ReadDefinitionsAsync(ct).ConfigureAwait(false); break;
                case "RESOURCE":
                    var resource = StartResource();
                    _resources.Add(resource);
                    await ReadResourceAsync(resource, ct).ConfigureAwait(false);
                    break;
                default: await SkipUnknownAsync(ct).ConfigureAwait(false); break;
            }
        }
    }

    private async ValueTask ReadDefinitionsAsync(CancellationToken ct)
    {
        if (_x.IsEmptyElement)
        {
            return;
        }
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            switch (_x.Name)
            {
                case "PARAM": _params.Add(await ReadParamAsync(ct).ConfigureAwait(false)); break;
                case "COOSYS": _coosys.Add(await ReadCoosysAsync(ct).ConfigureAwait(false)); break;
                default: await SkipUnknownAsync(ct).ConfigureAwait(false); break;
            }
        }
    }

    private ResourceBuilder StartResource() => new()
    {
        Name = _x.Attribute("name"),
        Id = _x.Attribute("ID"),
        Type = _x.Attribute("type") ?? "results",
        Utype = _x.Attribute("utype"),
    };

    private async ValueTask ReadResourceAsync(ResourceBuilder resource, CancellationToken ct)
    {
        if (_x.IsEmptyElement)
        {
            return;
        }
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            switch (_x.Name)
            {
                case "DESCRIPTION": resource.Description = await ReadTextAsync(ct).ConfigureAwait(false); break;
                case "INFO": resource.Infos.Add(await ReadInfoAsync(ct).ConfigureAwait(false)); break;
                case "PARAM": resource.Params.Add(await ReadParamAsync(ct).ConfigureAwait(false)); break;
                case "COOSYS": resource.CoordinateSystems.Add(await ReadCoosysAsync(ct).ConfigureAwait(false)); break;
                case "TIMESYS": resource.TimeSystems.Add(await ReadTimesysAsync(ct).ConfigureAwait(false)); break;
                case "GROUP": resource.Groups.Add(await ReadGroupAsync(ct).ConfigureAwait(false)); break;
                case "LINK": resource.Links.Add(await ReadLinkAsync(ct).ConfigureAwait(false)); break;
                case "TABLE":
                    var table = new TableBuilder
                    {
                        Name = _x.Attribute("name"),
                        Id = _x.Attribute("ID"),
                        Ucd = _x.Attribute("ucd"),
                        Utype = _x.Attribute("utype"),
                        Ref = _x.Attribute("ref"),
                        DeclaredRowCount = long.TryParse(_x.Attribute("nrows"), NumberStyles.None, CultureInfo.InvariantCulture, out long nrows) ? nrows : null,
                    };
                    resource.Tables.Add(table);
                    await ReadTableAsync(table, ct).ConfigureAwait(false);
                    break;
                case "RESOURCE":
                    var nested = StartResource();
                    resource.Resources.Add(nested);
                    await ReadResourceAsync(nested, ct).ConfigureAwait(false);
                    break;
                default: await SkipUnknownAsync(ct).ConfigureAwait(false); break;
            }
        }
    }

    private async ValueTask ReadTableAsync(TableBuilder table, CancellationToken ct)
    {
        if (_x.IsEmptyElement)
        {
            return;
        }
        _openTable = table;
        while (await NextChildAsync(ct).ConfigureAwait(false))
        {
            switch (_x.Name)
            {
                case "DESCRIPTION": table.Description = await ReadTextAsync(ct).ConfigureAwait(false); break;
                case "INFO": table.Infos.Add(await ReadInfoAsync(ct).ConfigureAwait(false)); break;
                case "FIELD": table.Fields.Add(await ReadFieldAsync(isParam: false, ct).ConfigureAwait(false)); break;
                case "PARAM": table.Params.Add(await ReadParamAsync(ct).ConfigureAwait(false)); break;
                case "GROUP": table.Groups.Add(await ReadGroupAsync(ct).ConfigureAwait(false)); break;
                case "LINK": table.Links.Add(await ReadLinkAsync(ct).ConfigureAwait(false)); break;
                case "DATA": await ReadDataAsync(table, ct).ConfigureAwait(false); break;
                default: await SkipUnknownAsync(ct).ConfigureAwait(false); break;
            }
        }
        // The table's last rows are handed over at its end tag, before any later table's.
        if (table.Batcher is not null && table.Slots is not null)
        {
            table.Batcher.Flush(table.Slots);
        }
        _openTable = null;
    }

    /// <summary>Reads the next child start element; false at the parent's end tag.</summary>
    private async ValueTask<bool> NextChildAsync(CancellationToken ct)
    {
        while (true)
        {
            var kind = await _x.ReadAsync(ct).ConfigureAwait(false);
            switch (kind)
            {
                case XmlTokenKind.StartElement:
                    return true;
                case XmlTokenKind.EndElement:
                    return false;
                case XmlTokenKind.EndOfInput:
                    throw new EndOfInputException();
            }
        }
    }

    private async ValueTask SkipUnknownAsync(CancellationToken ct)
    {
        ReportHere(VoTableDiagnosticCodes.UnknownElement, $"unknown element <{_x.Name}> here; skipped");
        await SkipElementAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask SkipElementAsync(CancellationToken ct)
    {
        if (_x.IsEmptyElement)
        {
            return;
        }
        int depth = 1;
        while (depth > 0)
        {
            var kind = await _x.ReadAsync(ct).ConfigureAwait(false);
            if (kind == XmlTokenKind.StartElement && !_x.IsEmptyElement)
            {
                depth++;
            }
            else if (kind == XmlTokenKind.EndElement)
            {
                depth--;
            }
            else if (kind == XmlTokenKind.EndOfInput)
            {
                throw new EndOfInputException();
            }
        }
    }

    /// <summary>The text content of the current element (nested elements skipped), trimmed; null when empty.</summary>
    private async ValueTask<string?> ReadTextAsync(CancellationToken ct)
    {
        if (_x.IsEmptyElement)
        {
            return null;
        }
        string? text = null;
        System.Text.StringBuilder? sb = null;
        int depth = 1;
        while (true)
        {
            var kind = await _x.ReadAsync(ct).ConfigureAwait(false);
            switch (kind)
            {
                case XmlTokenKind.Text:
                    if (depth == 1)
                    {
                        if (text is null)
                        {
                            text = _x.Text;
                        }
                        else
                        {
                            sb ??= new System.Text.StringBuilder(text);
                            sb.Append(_x.Text);
                        }
                    }
                    break;
                case XmlTokenKind.StartElement:
                    if (!_x.IsEmptyElement)
                    {
                        depth++;
                    }
                    break;
                case XmlTokenKind.EndElement:
                    if (--depth == 0)
                    {
                        string all = sb?.ToString() ?? text ?? "";
                        all = all.Trim();
                        return all.Length == 0 ? null : all;
                    }
                    break;
                case XmlTokenKind.EndOfInput:
                    throw new EndOfInputException();
            }
        }
    }

    private sealed class NotVoTableException(string root) : Exception($"root element <{root}>")
    {
        public string Root { get; } = root;
    }
}
