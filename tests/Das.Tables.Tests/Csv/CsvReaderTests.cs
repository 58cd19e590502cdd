using System.Text;
using Das.Tables.Columns;
using Das.Tables.Csv;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.Tests.Csv;

public sealed class CsvReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<CsvReadResult> ReadTextAsync(string text, CsvReaderOptions? options = null) =>
        CsvReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), options, Ct);

    [Fact]
    public async Task Quoted_fields_doubled_quotes_embedded_newlines_crlf_and_bom_are_read()
    {
        var result = await CsvReader.ReadFileAsync(Path.Combine(AppContext.BaseDirectory, "Csv", "Fixtures", "quoted_crlf_bom.csv"), cancellationToken: Ct);
        Assert.True(result.Succeeded, result.Failure?.Message);
        var table = result.Table!;
        Assert.Equal(["id", "name", "score", "flag", "note"], table.Columns.Select(c => c.Name));
        Assert.Equal(3, table.RowCount);
        Assert.IsType<ScalarColumn<long>>(table.Columns[0]);
        Assert.IsType<ScalarColumn<double>>(table.Columns[2]);
        Assert.IsType<ScalarColumn<bool>>(table.Columns[3]);
        Assert.Equal("Smith, J.", table.Columns[1].GetValue(0));
        Assert.Equal("say \"hi\"", table.Columns[1].GetValue(1));
        Assert.Equal("line one\r\nline two", table.Columns[4].GetValue(0));
        Assert.Null(table.Columns[2].GetValue(1));
        Assert.Equal(-0.03, table.Columns[2].GetValue(2));
        Assert.Null(table.Columns[3].GetValue(2));
        Assert.Null(table.Columns[4].GetValue(1));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public async Task Trickled_stream_gives_the_same_table()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Csv", "Fixtures", "quoted_crlf_bom.csv"), Ct);
        using var stream = new Das.Tables.Tests.VoTable.TrickleStream(bytes);
        var table = (await CsvReader.ReadAsync(stream, cancellationToken: Ct)).Table!;
        Assert.Equal(3, table.RowCount);
        Assert.Equal("line one\r\nline two", table.Columns[4].GetValue(0));
        Assert.Equal("say \"hi\"", table.Columns[1].GetValue(1));
    }

    [Fact]
    public async Task Integer_column_widens_to_double_and_then_to_text()
    {
        var sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 20; i++)
        {
            sb.Append(i).Append(',').Append(i).Append('\n');
        }
        sb.Append("2.5,x\n");
        var result = await ReadTextAsync(sb.ToString(), new CsvReaderOptions { InferenceRows = 5 });
        var table = result.Table!;
        Assert.Equal(21, table.RowCount);
        Assert.IsType<ScalarColumn<double>>(table.Columns[0]);
        Assert.Equal(2.5, table.Columns[0].GetValue(20));
        Assert.IsType<StringColumn>(table.Columns[1]);
        Assert.Equal("19", table.Columns[1].GetValue(19));
        Assert.Contains(result.Diagnostics, d => d.Code == VoTableDiagnosticCodes.CsvTypeWidened);
    }

    [Fact]
    public async Task Given_column_types_are_used_and_bad_values_become_null()
    {
        var result = await ReadTextAsync("id,v\n1,2\n2,oops\n", new CsvReaderOptions
        {
            ColumnTypes = new Dictionary<string, VoDataType> { ["id"] = VoDataType.Int, ["v"] = VoDataType.Float },
        });
        var table = result.Table!;
        Assert.IsType<ScalarColumn<int>>(table.Columns[0]);
        Assert.Equal(2f, table.Columns[1].GetValue(0));
        Assert.Null(table.Columns[1].GetValue(1));
        var bad = Assert.Single(result.Diagnostics);
        Assert.Equal(VoTableDiagnosticCodes.CsvBadValue, bad.Code);
        Assert.Equal(1, bad.Row);
        Assert.Equal(3, bad.Line);
    }

    [Fact]
    public async Task Short_and_long_records_are_reported_and_padded()
    {
        var result = await ReadTextAsync("a,b,c\n1,2,3\n4,5\n6,7,8,9\n");
        var table = result.Table!;
        Assert.Equal(3, table.RowCount);
        Assert.Null(table.Columns[2].GetValue(1));
        Assert.Equal(8L, table.Columns[2].GetValue(2));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Code == VoTableDiagnosticCodes.CsvFieldCount));
    }

    [Fact]
    public async Task No_header_names_columns_by_position_and_last_line_without_newline_counts()
    {
        var table = (await ReadTextAsync("1,x\n2,y", new CsvReaderOptions { HasHeader = false })).Table!;
        Assert.Equal(["col1", "col2"], table.Columns.Select(c => c.Name));
        Assert.Equal(2, table.RowCount);
        Assert.Equal("y", table.Columns[1].GetValue(1));
    }

    [Fact]
    public async Task Nan_in_a_float_column_is_null()
    {
        var table = (await ReadTextAsync("x\n1.5\nnan\n\n2\n")).Table!;
        Assert.Equal(3, table.RowCount);
        Assert.Null(table.Columns[0].GetValue(1));
    }

    [Fact]
    public async Task Row_cap_marks_the_table_truncated()
    {
        var table = (await ReadTextAsync("x\n1\n2\n3\n4\n", new CsvReaderOptions { MaxRows = 2 })).Table!;
        Assert.Equal(2, table.RowCount);
        Assert.Equal(TruncationReason.RowCap, table.Truncation?.Reason);
    }

    [Fact]
    public async Task Html_page_instead_of_csv_is_a_failure_with_its_title()
    {
        var result = await ReadTextAsync("<html><head><title>Not Found</title></head><body></body></html>");
        Assert.Null(result.Table);
        Assert.Equal(ReadFailureKind.HtmlPage, result.Failure?.Kind);
        Assert.Equal("Not Found", result.Failure!.HtmlTitle);
    }

    [Fact]
    public async Task Empty_body_is_a_failure()
    {
        var result = await ReadTextAsync("");
        Assert.Equal(ReadFailureKind.EmptyBody, result.Failure?.Kind);
    }

    [Fact]
    public async Task Large_input_parsed_on_two_threads_matches_one_thread()
    {
        var sb = new StringBuilder("id,x,name\n");
        for (int i = 0; i < 150_000; i++)
        {
            sb.Append(i).Append(',').Append(i * 0.25).Append(",n").Append(i % 97).Append('\n');
        }
        var text = sb.ToString();
        var one = (await ReadTextAsync(text, new CsvReaderOptions { UseMultipleCores = false })).Table!;
        var two = (await ReadTextAsync(text, new CsvReaderOptions { UseMultipleCores = true })).Table!;
        Assert.Equal(150_000, one.RowCount);
        Assert.Equal(one.RowCount, two.RowCount);
        for (int r = 0; r < one.RowCount; r += 997)
        {
            Assert.Equal(one.Columns[1].GetValue(r), two.Columns[1].GetValue(r));
            Assert.Equal(one.Columns[2].GetValue(r), two.Columns[2].GetValue(r));
        }
        Assert.Equal(149_999 * 0.25, two.Columns[1].GetValue(149_999));
        Assert.Equal(149_999 * 0.25, one.Columns[1].GetValue(149_999));
        Assert.Equal("n" + (149_999 % 97).ToString(System.Globalization.CultureInfo.InvariantCulture), two.Columns[2].GetValue(149_999));
    }
    [Fact]
    public async Task Fields_of_every_length_around_the_64_byte_scan_window_are_split_right()
    {
        // Field lengths 0..140 cross the scanner's 64-byte windows at every offset; quoted fields (with delimiters,
        // doubled quotes and newlines inside) make it jump; CRLF and LF endings and blank lines are mixed.
        var random = new Random(11);
        var expected = new List<string?[]>();
        var sb = new StringBuilder("a,b,c\n");
        for (int r = 0; r < 3000; r++)
        {
            var row = new string?[3];
            for (int c = 0; c < 3; c++)
            {
                int length = random.Next(0, 141);
                var value = new string((char)('k' + c), length);
                if (random.Next(6) == 0 && length > 3)
                {
                    value = value[..1] + ",\"q\"\n" + value[3..];
                    sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    sb.Append(value);
                }
                row[c] = length == 0 ? null : value;
                sb.Append(c < 2 ? "," : random.Next(3) == 0 ? "\r\n" : "\n");
            }
            if (random.Next(50) == 0)
            {
                sb.Append('\n');
            }
            expected.Add(row);
        }
        foreach (bool twoCores in new[] { false, true })
        {
            var result = await ReadTextAsync(sb.ToString(), new CsvReaderOptions { UseMultipleCores = twoCores });
            Assert.Empty(result.Diagnostics);
            var table = result.Table!;
            Assert.Equal(expected.Count, table.RowCount);
            for (int r = 0; r < expected.Count; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(expected[r][c], table.Columns[c].GetValue(r));
                }
            }
        }
    }
}

public sealed class CsvRobustnessTests
{
    [Fact]
    public async Task Every_cut_and_random_corruption_reads_without_throwing()
    {
        var original = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Csv", "Fixtures", "quoted_crlf_bom.csv"), TestContext.Current.CancellationToken);
        for (int cut = 0; cut <= original.Length; cut++)
        {
            var result = await CsvReader.ReadAsync(new MemoryStream(original, 0, cut), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(result.Table is not null || result.Failure is not null);
        }
        byte[] noise = [(byte)'"', (byte)',', (byte)'\n', (byte)'\r', (byte)'x', (byte)'1', 0xFF];
        var random = new Random(3);
        for (int i = 0; i < 500; i++)
        {
            var bytes = (byte[])original.Clone();
            bytes[random.Next(bytes.Length)] = noise[random.Next(noise.Length)];
            bytes[random.Next(bytes.Length)] = noise[random.Next(noise.Length)];
            var result = await CsvReader.ReadAsync(new MemoryStream(bytes), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(result.Table is not null || result.Failure is not null);
        }
    }
}
