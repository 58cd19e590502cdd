using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.Tests.VoTable;

/// <summary>One test per fixture: the shapes archives send, and the ways an answer goes wrong.</summary>
public sealed class VoTableReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Html_error_page_becomes_a_specific_failure_with_its_title()
    {
        var result = await Fixture.ReadAsync("html_error_page.html");
        Assert.Null(result.Document);
        Assert.NotNull(result.Failure);
        Assert.Equal(ReadFailureKind.HtmlPage, result.Failure.Kind);
        Assert.Equal("503 Service Unavailable & maintenance <back soon>", result.Failure.HtmlTitle);
        Assert.Contains("HTML page", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("503 Service Unavailable", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_body_becomes_a_specific_failure()
    {
        var result = await Fixture.ReadAsync("empty_body.xml");
        Assert.Null(result.Document);
        Assert.Equal(ReadFailureKind.EmptyBody, result.Failure?.Kind);
        Assert.Equal(0, result.BytesRead);
    }

    [Fact]
    public async Task Json_body_is_not_xml()
    {
        using var stream = new MemoryStream("{\"error\": \"no such table\"}"u8.ToArray());
        var result = await VoTableReader.ReadAsync(stream, cancellationToken: Ct);
        Assert.Equal(ReadFailureKind.NotXml, result.Failure?.Kind);
        Assert.Contains("JSON", result.Failure!.Message, StringComparison.Ordinal);
        Assert.StartsWith("{\"error\"", result.Failure.BodyStart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_that_is_not_a_votable_names_its_root()
    {
        var result = await Fixture.ReadAsync("not_a_votable.xml");
        Assert.Equal(ReadFailureKind.NotVoTable, result.Failure?.Kind);
        Assert.Contains("<job>", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_syntax_error_is_reported_with_line_and_column()
    {
        var result = await Fixture.ReadAsync("xml_syntax_error.xml");
        Assert.Equal(ReadFailureKind.XmlSyntax, result.Failure?.Kind);
        Assert.Equal(5, result.Failure!.Line);
        Assert.Equal(7, result.Failure.Column);
        Assert.Contains("line 5", result.Failure.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Document); // what came before the error is kept
    }

    [Fact]
    public async Task Truncated_tabledata_keeps_rows_read_so_far_and_flags_the_table()
    {
        var result = await Fixture.ReadAsync("truncated_tabledata.xml");
        Assert.Null(result.Failure);
        var table = result.FirstTable();
        Assert.Equal(3, table.RowCount);
        Assert.Equal(TruncationReason.DocumentEndedEarly, table.Truncation?.Reason);
        Assert.True(result.IsTruncated);
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.DocumentEndedEarly);
    }

    [Fact]
    public async Task Truncated_binary2_keeps_complete_rows()
    {
        var result = await Fixture.ReadAsync("truncated_binary2.xml");
        var table = result.FirstTable();
        Assert.Equal(TruncationReason.DocumentEndedEarly, table.Truncation?.Reason);
        Assert.InRange(table.RowCount, 4, 6);
        Assert.Equal(1, ((ScalarColumn<int>)table.Columns[0])[0]);
    }

    [Fact]
    public async Task Bad_base64_keeps_rows_decoded_so_far()
    {
        var result = await Fixture.ReadAsync("bad_base64.xml");
        Assert.Null(result.Failure);
        var table = result.FirstTable();
        Assert.Equal(TruncationReason.DataError, table.Truncation?.Reason);
        Assert.Equal(4, table.RowCount);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.BadBase64);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.Line > 0);
    }

    [Fact]
    public async Task Base64_with_quartets_split_by_line_breaks_decodes()
    {
        var table = (await Fixture.ReadAsync("base64_split_quartets.xml")).FirstTable();
        Assert.Equal(10, table.RowCount);
        var x = (ScalarColumn<double>)table.Columns[1];
        Assert.Equal(5.0, x[9]);
        Assert.True(x.IsNull(2)); // BINARY2 null mask
        Assert.Null(table.Truncation);
    }

    [Fact]
    public async Task Bad_cell_becomes_null_with_a_diagnostic_and_reading_continues()
    {
        var result = await Fixture.ReadAsync("bad_cell.xml");
        var table = result.FirstTable();
        Assert.Equal(4, table.RowCount);
        Assert.True(table.Columns[1].IsNull(1));
        Assert.True(table.Columns[0].IsNull(2));
        Assert.True(table.Columns[2].IsNull(2));
        Assert.Equal(14.0, table.Columns[1].GetValue(3));
        var bad = Assert.Single(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.BadFloat);
        Assert.Equal(1, bad.Row);
        Assert.Equal("mag", bad.FieldName);
        Assert.Equal(10, bad.Line);
        Assert.Contains("twelve", bad.Message, StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.BadInteger && d.Row == 2);
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.BadBoolean && d.Row == 2);
    }

    [Fact]
    public async Task Strict_mode_throws_at_the_first_bad_cell()
    {
        var ex = await Assert.ThrowsAsync<VoTableFormatException>(() =>
            Fixture.ReadAsync("bad_cell.xml", new VoTableReaderOptions { Strictness = VoTableStrictness.Strict }));
        Assert.Equal(DiagnosticSeverity.Error, ex.Diagnostic.Severity);
    }

    [Fact]
    public async Task Ignore_mode_keeps_no_diagnostics()
    {
        var result = await Fixture.ReadAsync("bad_cell.xml", new VoTableReaderOptions { Strictness = VoTableStrictness.Ignore });
        Assert.Empty(result.Diagnostics);
        Assert.Equal(4, result.FirstTable().RowCount);
    }

    [Fact]
    public async Task Unknown_namespace_and_version_read_on_with_warnings()
    {
        var result = await Fixture.ReadAsync("unknown_namespace_and_version.xml");
        Assert.True(result.Succeeded);
        Assert.Equal(2, result.FirstTable().RowCount);
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.UnknownNamespace && d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.UnknownVersion);
    }

    [Fact]
    public async Task VoTable_1_1_namespace_with_doctype_and_definitions_reads()
    {
        var result = await Fixture.ReadAsync("votable_1_1_namespace.xml");
        Assert.True(result.Succeeded, result.Failure?.Message);
        var document = result.Document!;
        Assert.Equal("1.1", document.Version);
        Assert.Equal("J2000", Assert.Single(document.CoordinateSystems).Id);
        var table = result.FirstTable();
        Assert.Equal(2, table.RowCount);
        Assert.Equal(2, table.DeclaredRowCount);
        Assert.Equal("Identifier (HIP number)", table.Columns[0].Field.Description);
        Assert.Equal("\"h:m:s\"", table.Columns[1].Field.Unit);
        Assert.Equal("J2000", table.Columns[1].Field.Ref);
        Assert.Equal("00 00 00.22", table.Columns[1].GetValue(0));
        Assert.Equal(9.10f, table.Columns[2].GetValue(0));
        Assert.Null(table.Columns[2].GetValue(1));
        Assert.Equal(QueryStatus.Ok, result.QueryStatus);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public async Task Query_status_after_the_table_wins_and_marks_overflow()
    {
        var result = await Fixture.ReadAsync("query_status_after_table.xml");
        Assert.Equal(QueryStatus.Overflow, result.QueryStatus);
        var table = result.FirstTable();
        Assert.Equal(3, table.RowCount);
        Assert.Equal(TruncationReason.ServiceOverflow, table.Truncation?.Reason);
        Assert.Contains("MAXREC=3", table.Truncation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_status_inside_the_table_is_found()
    {
        var result = await Fixture.ReadAsync("query_status_in_table.xml");
        Assert.Equal(QueryStatus.Overflow, result.QueryStatus);
        Assert.True(result.IsTruncated);
    }

    [Fact]
    public async Task Query_status_at_top_level_is_found()
    {
        var result = await Fixture.ReadAsync("query_status_top_level.xml");
        Assert.Equal(QueryStatus.Error, result.QueryStatus);
        Assert.Equal("Table 'nosuch' does not exist", result.Document!.QueryStatusInfo()!.Content);
    }

    [Fact]
    public async Task Dachs_style_error_document_reports_query_status_error_with_its_text()
    {
        var result = await Fixture.ReadAsync("dachs_style_error.xml");
        Assert.True(result.Succeeded);
        Assert.Equal(QueryStatus.Error, result.QueryStatus);
        Assert.StartsWith("Could not parse your query", result.Document!.QueryStatusInfo()!.Content, StringComparison.Ordinal);
        Assert.Null(result.Document.FirstResultsTable());
    }

    [Fact]
    public async Task Irsa_style_error_without_namespace_reports_query_status_error()
    {
        var result = await Fixture.ReadAsync("irsa_style_error.xml");
        Assert.Equal(QueryStatus.Error, result.QueryStatus);
        Assert.Equal("Error: catalog name 'fp_nosuch' is not valid.", result.Document!.QueryStatusInfo()!.Content);
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.NoNamespace);
    }

    [Fact]
    public async Task Binary_bits_variable_arrays_padded_chars_and_unicode_decode()
    {
        var result = await Fixture.ReadAsync("binary_bits_arrays_unicode.xml");
        var table = result.FirstTable();
        Assert.Equal(3, table.RowCount);
        var bits = (ArrayColumn<bool>)table.Columns[0];
        Assert.Equal([true, false, true, false, false, false, false, false, false, true], bits.GetSpan(0).ToArray());
        // A scalar bit is the most significant bit of its byte (VOTable 1.5 §5.1); astropy 5.2 tests 0x08 instead.
        Assert.Equal(true, table.Columns[1].GetValue(0));
        var ivar = (ArrayColumn<int>)table.Columns[2];
        Assert.Equal([1, 2, 3], ivar.GetSpan(0).ToArray());
        Assert.Equal(0, ivar.GetSpan(1).Length);
        Assert.Equal([-7], ivar.GetSpan(2).ToArray());
        Assert.Equal("AB", table.Columns[3].GetValue(0));      // NUL padding cut
        Assert.Equal("ABCDEF", table.Columns[3].GetValue(1));
        Assert.Equal("pad   ", table.Columns[3].GetValue(2));  // trailing spaces kept, as astropy does
        Assert.Equal("Grüße", table.Columns[4].GetValue(0));
        Assert.Null(table.Columns[4].GetValue(1));
        Assert.Equal("星", table.Columns[4].GetValue(2));
        Assert.Equal("αβ", table.Columns[5].GetValue(0));
        Assert.Equal("abcd", table.Columns[5].GetValue(1));
        Assert.Equal(new System.Numerics.Complex(1.5, -2), table.Columns[6].GetValue(0));
        Assert.Null(table.Columns[6].GetValue(1));             // NaN complex is null
        Assert.Equal(true, table.Columns[7].GetValue(0));
        Assert.Null(table.Columns[7].GetValue(1));             // '?' boolean is null
        Assert.Equal((short)7, table.Columns[8].GetValue(0));
        Assert.Null(table.Columns[8].GetValue(1));             // VALUES null="-1" in BINARY
    }

    [Theory]
    [InlineData("href_stream.xml")]
    [InlineData("href_stream_gzip.xml")]
    [InlineData("href_stream_base64.xml")]
    public async Task Href_streams_are_read_relative_to_the_document(string name)
    {
        var result = await Fixture.ReadAsync(name);
        Assert.True(result.Succeeded, result.Failure?.Message);
        var table = result.FirstTable();
        Assert.Equal(10, table.RowCount);
        Assert.Equal(10, table.Columns[0].GetValue(9));
        Assert.Null(table.Columns[1].GetValue(5));
        Assert.Null(table.Truncation);
    }

    [Fact]
    public async Task Href_resolver_is_used_for_streams()
    {
        var rows = await File.ReadAllBytesAsync(Fixture.PathOf("href_rows.bin"), Ct);
        var xml = (await File.ReadAllTextAsync(Fixture.PathOf("href_stream.xml"), Ct)).Replace("href_rows.bin", "http://archive.example/rows.bin", StringComparison.Ordinal);
        Uri? asked = null;
        var options = new VoTableReaderOptions
        {
            HrefResolver = (uri, _) =>
            {
                asked = uri;
                return ValueTask.FromResult<Stream>(new MemoryStream(rows));
            },
        };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        var result = await VoTableReader.ReadAsync(stream, options, Ct);
        Assert.Equal(new Uri("http://archive.example/rows.bin"), asked);
        Assert.Equal(10, result.FirstTable().RowCount);
    }

    [Fact]
    public async Task Row_cap_stops_reading_and_marks_the_table()
    {
        var result = await Fixture.ReadAsync("base64_split_quartets.xml", new VoTableReaderOptions { MaxRows = 4 });
        var table = result.FirstTable();
        Assert.Equal(4, table.RowCount);
        Assert.Equal(TruncationReason.RowCap, table.Truncation?.Reason);
        Assert.Null(result.Failure);
    }

    [Theory]
    [InlineData(Serialization.TableData)]
    [InlineData(Serialization.Binary)]
    [InlineData(Serialization.Binary2)]
    public async Task Row_cap_works_in_every_serialization(Serialization serialization)
    {
        string name = serialization switch { Serialization.TableData => "astropy_mixed.td.xml", Serialization.Binary => "astropy_mixed.bin.xml", _ => "astropy_mixed.b2.xml" };
        var table = (await Fixture.ReadAsync(name, new VoTableReaderOptions { MaxRows = 2 })).FirstTable();
        Assert.Equal(2, table.RowCount);
        Assert.Equal(TruncationReason.RowCap, table.Truncation?.Reason);
    }

    [Fact]
    public async Task Byte_cap_stops_reading_and_marks_the_table()
    {
        var result = await Fixture.ReadTrickledAsync("stilts_mixed.td.xml", new VoTableReaderOptions { MaxBytes = 1500 });
        Assert.Null(result.Failure);
        var table = result.FirstTable();
        Assert.Equal(TruncationReason.ByteCap, table.Truncation?.Reason);
        Assert.InRange(table.RowCount, 0, 3);
        Assert.Equal(1500, result.BytesRead);
    }

    [Fact]
    public async Task Connection_reset_keeps_rows_and_reports_a_stream_failure()
    {
        var bytes = await File.ReadAllBytesAsync(Fixture.PathOf("stilts_mixed.td.xml"), Ct);
        using var stream = new TrickleStream(bytes, failAt: 1700);
        var result = await VoTableReader.ReadAsync(stream, cancellationToken: Ct);
        Assert.Equal(ReadFailureKind.StreamError, result.Failure?.Kind);
        var table = result.FirstTable();
        Assert.Equal(TruncationReason.DocumentEndedEarly, table.Truncation?.Reason);
        Assert.True(table.RowCount >= 1);
    }

    [Fact]
    public async Task Repeated_diagnostics_are_capped_with_a_count()
    {
        var sb = new StringBuilder("<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE><TABLE><FIELD name=\"x\" datatype=\"int\"/><DATA><TABLEDATA>");
        for (int i = 0; i < 25; i++)
        {
            sb.Append("<TR><TD>bad</TD></TR>");
        }
        sb.Append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString()));
        var result = await VoTableReader.ReadAsync(stream, new VoTableReaderOptions { MaxDiagnosticsPerCode = 10 }, Ct);
        Assert.Equal(10, result.Diagnostics.Count(d => d.Code == VoTableDiagnosticCodes.BadInteger));
        Assert.Equal(15, result.SuppressedDiagnostics[VoTableDiagnosticCodes.BadInteger]);
        Assert.Equal(25, result.FirstTable().Columns[0].NullCount);
    }

    [Fact]
    public async Task Gzip_compressed_body_is_decompressed_on_the_fly()
    {
        var bytes = await File.ReadAllBytesAsync(Fixture.PathOf("stilts_mixed.b2.xml"), Ct);
        using var packed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(bytes, Ct);
        }
        using var stream = new TrickleStream(packed.ToArray());
        var result = await VoTableReader.ReadAsync(stream, cancellationToken: Ct);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(4, result.FirstTable().RowCount);
        Assert.Equal(bytes.Length, result.BytesRead);
    }

    [Fact]
    public async Task Cancellation_throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => VoTableReader.ReadFileAsync(Fixture.PathOf("stilts_mixed.td.xml"), null, cts.Token));
    }

    [Fact]
    public async Task Entities_cdata_comments_and_prefixes_in_tabledata_are_decoded()
    {
        const string xml = """
            <?xml version="1.0"?>
            <vot:VOTABLE version="1.3" xmlns:vot="http://www.ivoa.net/xml/VOTable/v1.3">
            <vot:RESOURCE><vot:TABLE>
            <vot:FIELD name="s" datatype="char" arraysize="*"/><vot:FIELD name="n" datatype="int"/><vot:FIELD name="v" datatype="float" arraysize="*"/>
            <vot:DATA><vot:TABLEDATA>
            <vot:TR><vot:TD>a &amp; b &#x3B1;&#946;</vot:TD><vot:TD> 0x10 </vot:TD><vot:TD>1 2,3</vot:TD></vot:TR>
            <!-- a comment between rows -->
            <vot:TR><vot:TD><![CDATA[<raw> & stuff]]></vot:TD><vot:TD>-7</vot:TD><vot:TD/></vot:TR>
            <vot:TR><vot:TD>short row</vot:TD></vot:TR>
            </vot:TABLEDATA></vot:DATA></vot:TABLE></vot:RESOURCE></vot:VOTABLE>
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        var result = await VoTableReader.ReadAsync(stream, cancellationToken: Ct);
        var table = result.FirstTable();
        Assert.Equal(3, table.RowCount);
        Assert.Equal("a & b αβ", table.Columns[0].GetValue(0));
        Assert.Equal(16, table.Columns[1].GetValue(0));
        Assert.Equal(new float[] { 1, 2, 3 }, (float[])table.Columns[2].GetValue(0)!);
        Assert.Equal("<raw> & stuff", table.Columns[0].GetValue(1));
        Assert.Null(table.Columns[2].GetValue(1));
        Assert.Null(table.Columns[1].GetValue(2));
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.ArrayCommas);
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.TooFewCells && d.Row == 2);
    }
}
