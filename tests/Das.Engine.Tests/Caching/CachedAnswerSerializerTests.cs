using System.Buffers;
using System.Numerics;
using Das.Engine.Caching;
using Das.Engine.Sources;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Engine.Tests.Caching;

/// <summary>
/// What goes to Redis: a JSON header and a BINARY2 VOTable. Whatever the table holds, the answer read back is the
/// answer that was written, cell by cell, null by null, with its truncation, notes and provenance.
/// </summary>
public sealed class CachedAnswerSerializerTests
{
    private static readonly DateTimeOffset FetchedAt = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(1));

    private static CachedAnswer RoundTrip(CachedAnswer answer)
    {
        var serializer = new CachedAnswerSerializer();
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(answer, buffer);
        // Read from a sequence in several segments, as Redis hands them over for large values.
        return serializer.Deserialize(Segmented(buffer.WrittenMemory, 7));
    }

    private static ReadOnlySequence<byte> Segmented(ReadOnlyMemory<byte> bytes, int parts)
    {
        int size = Math.Max(1, bytes.Length / parts);
        Segment? first = null, last = null;
        for (int offset = 0; offset < bytes.Length; offset += size)
        {
            var next = new Segment(bytes.Slice(offset, Math.Min(size, bytes.Length - offset)), last);
            first ??= next;
            last = next;
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }

    /// <summary>Every datatype a cone search brings back, with a null in each column and the awkward values.</summary>
    private static Table MixedTable()
    {
        Field[] fields =
        [
            new() { Name = "source_id", DataType = VoDataType.Long, Ucd = "meta.id;meta.main", Description = "Gaia DR3 source id" },
            new() { Name = "ra", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
            new() { Name = "phot_g_mean_mag", DataType = VoDataType.Float, Unit = "mag", Ucd = "phot.mag;em.opt.G" },
            new() { Name = "has_rv", DataType = VoDataType.Boolean },
            new() { Name = "quality", DataType = VoDataType.Short },
            new() { Name = "n_obs", DataType = VoDataType.Int },
            new() { Name = "flags", DataType = VoDataType.UnsignedByte },
            new() { Name = "designation", DataType = VoDataType.Char, ArraySize = ArraySize.Variable },
            new() { Name = "line", DataType = VoDataType.UnicodeChar, ArraySize = ArraySize.Variable },
            new() { Name = "visibility", DataType = VoDataType.DoubleComplex },
            new() { Name = "pm", DataType = VoDataType.Double, ArraySize = ArraySize.Fixed(3), Unit = "mas/yr" },
            new() { Name = "epochs", DataType = VoDataType.Int, ArraySize = ArraySize.Variable },
            new() { Name = "obs_time", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, XType = "timestamp" },
        ];
        var table = new Table(fields.Select(Column.Create))
        {
            Name = "gaia_source",
            Description = "Gaia DR3 around SDSS J104100.5+411607",
            Params = [new Param { Name = "epoch", DataType = VoDataType.Double, Unit = "yr", Value = "2016.0" }],
        };
        var c = table.Columns;
        var id = (ScalarColumn<long>)c[0];
        var ra = (ScalarColumn<double>)c[1];
        var mag = (ScalarColumn<float>)c[2];
        var rv = (ScalarColumn<bool>)c[3];
        var quality = (ScalarColumn<short>)c[4];
        var nObs = (ScalarColumn<int>)c[5];
        var flags = (ScalarColumn<byte>)c[6];
        var designation = (StringColumn)c[7];
        var line = (StringColumn)c[8];
        var visibility = (ScalarColumn<Complex>)c[9];
        var pm = (ArrayColumn<double>)c[10];
        var epochs = (ArrayColumn<int>)c[11];
        var time = (StringColumn)c[12];

        id.Append(long.MaxValue); id.Append(-1); id.AppendNull(); id.Append(0);
        ra.Append(160.252083); ra.Append(double.Epsilon); ra.AppendNull(); ra.Append(-0.0);
        mag.Append(17.25f); mag.AppendNull(); mag.Append(float.PositiveInfinity); mag.Append(float.Epsilon);
        rv.Append(true); rv.Append(false); rv.AppendNull(); rv.Append(true);
        quality.Append(short.MinValue); quality.AppendNull(); quality.Append(7); quality.Append(short.MaxValue);
        nObs.AppendNull(); nObs.Append(int.MaxValue); nObs.Append(-5); nObs.Append(12);
        flags.Append(255); flags.Append(0); flags.AppendNull(); flags.Append(42);
        designation.Append("Gaia DR3 778495738293"); designation.AppendNull(); designation.Append(" "); designation.Append("with, comma \"quoted\"");
        line.Append("Hα λ6563 Å"); line.Append("[O III] λ5007"); line.AppendNull(); line.Append("日本");
        visibility.Append(new Complex(1.5, -2.25)); visibility.AppendNull(); visibility.Append(Complex.Zero); visibility.Append(new Complex(double.NaN, 3));
        pm.Append([1.5, -2.5, 0.25]); pm.AppendNull(); pm.Append([0, 0, 0]); pm.Append([double.NaN, 1, 2]);
        epochs.Append([58000, 58001, 58010]); epochs.Append([]); epochs.AppendNull(); epochs.Append([60000]);
        time.Append("2025-03-14T15:09:26.535"); time.AppendNull(); time.Append("1999-12-31T23:59:59"); time.Append("2000-01-01T00:00:00");
        return table;
    }

    private static void AssertSameTable(Table expected, Table actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Columns.Count, actual.Columns.Count);
        for (int i = 0; i < expected.Columns.Count; i++)
        {
            Field e = expected.Columns[i].Field, a = actual.Columns[i].Field;
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.DataType, a.DataType);
            Assert.Equal(e.ArraySize, a.ArraySize);
            Assert.Equal(e.Unit, a.Unit);
            Assert.Equal(e.Ucd, a.Ucd);
            Assert.Equal(e.XType, a.XType);
            Assert.Equal(e.Description, a.Description);
            for (int row = 0; row < expected.RowCount; row++)
            {
                string where = $"column {e.Name}, row {row}";
                Assert.True(expected.Columns[i].IsNull(row) == actual.Columns[i].IsNull(row), $"{where}: null differs");
                object? x = expected.Columns[i].GetValue(row), y = actual.Columns[i].GetValue(row);
                if (x is Array xs && y is Array ys)
                {
                    Assert.True(xs.Cast<object>().SequenceEqual(ys.Cast<object>()), $"{where}: array differs");
                }
                else
                {
                    Assert.True(Equals(x, y), $"{where}: {x} became {y}");
                }
            }
        }
        Assert.Equal(expected.Params.Select(p => (p.Name, p.DataType, p.Unit, p.Value)), actual.Params.Select(p => (p.Name, p.DataType, p.Unit, p.Value)));
        Assert.Equal(expected.Truncation, actual.Truncation);
    }

    [Fact]
    public void Table_with_every_datatype_nulls_truncation_and_notes_comes_back_equal()
    {
        var table = MixedTable();
        table.Truncation = new Truncation(TruncationReason.ServiceOverflow, "the service stopped at its row limit (QUERY_STATUS=OVERFLOW): 2000 rows");
        var answer = new CachedAnswer(
            new SourceAnswer
            {
                Table = table,
                BytesRead = 123_456_789_012,
                Notes = ["W21 line 3: unknown attribute 'foo' on FIELD", "the service said: \"use TAP for more\"", ""],
            },
            FetchedAt,
            "GET http://127.0.0.1:8089/cone/scs.xml?RA=160.252083&DEC=41.268611&SR=0.0166667");

        var back = RoundTrip(answer);

        AssertSameTable(answer.Answer.Table, back.Answer.Table);
        Assert.Equal(answer.Answer.Notes, back.Answer.Notes);
        Assert.Equal(answer.Answer.BytesRead, back.Answer.BytesRead);
        Assert.Equal(answer.Provenance, back.Provenance);
        Assert.Equal(answer.FetchedAt, back.FetchedAt);
        Assert.Equal(answer.FetchedAt.Offset, back.FetchedAt.Offset);
    }

    [Fact]
    public void Nan_and_empty_text_come_back_null_as_the_votable_readers_read_any_answer()
    {
        // VOTable's null for float and double is NaN, and Das's readers take empty text for null in every
        // serialization: an answer read from an archive never holds either as a value, so a cached copy cannot
        // differ from a fresh one by them.
        var fields = new Field[]
        {
            new() { Name = "x", DataType = VoDataType.Double },
            new() { Name = "y", DataType = VoDataType.Float },
            new() { Name = "s", DataType = VoDataType.Char, ArraySize = ArraySize.Variable },
        };
        var table = Table.FromFields(fields);
        var x = (ScalarColumn<double>)table.Columns[0];
        var y = (ScalarColumn<float>)table.Columns[1];
        var text = (StringColumn)table.Columns[2];
        x.Append(double.NaN); x.Append(1);
        y.Append(2); y.Append(float.NaN);
        text.Append(""); text.Append("a");

        var back = RoundTrip(new CachedAnswer(new SourceAnswer { Table = table }, FetchedAt, "GET x")).Answer.Table;

        Assert.True(back.Columns[0].IsNull(0));
        Assert.Equal(1.0, back.Columns[0].GetValue(1));
        Assert.Equal(2f, back.Columns[1].GetValue(0));
        Assert.True(back.Columns[1].IsNull(1));
        Assert.True(back.Columns[2].IsNull(0));
        Assert.Equal("a", back.Columns[2].GetValue(1));
    }

    [Theory]
    [InlineData(TruncationReason.RowCap)]
    [InlineData(TruncationReason.ByteCap)]
    [InlineData(TruncationReason.ServiceOverflow)]
    public void Every_kept_truncation_reason_comes_back(TruncationReason reason)
    {
        var table = MixedTable();
        table.Truncation = new Truncation(reason, "cut: " + reason);
        var back = RoundTrip(new CachedAnswer(new SourceAnswer { Table = table }, FetchedAt, "GET x"));
        Assert.Equal(table.Truncation, back.Answer.Table.Truncation);
    }

    [Fact]
    public void Complete_answer_comes_back_complete()
    {
        var back = RoundTrip(new CachedAnswer(new SourceAnswer { Table = MixedTable() }, FetchedAt, "GET x"));
        Assert.Null(back.Answer.Table.Truncation);
        Assert.Empty(back.Answer.Notes);
        Assert.Equal(0, back.Answer.BytesRead);
    }

    [Fact]
    public void Empty_answer_keeps_its_columns()
    {
        var empty = Table.FromFields(MixedTable().Fields);
        var back = RoundTrip(new CachedAnswer(new SourceAnswer { Table = empty }, FetchedAt, "GET x"));
        Assert.Equal(0, back.Answer.Table.RowCount);
        Assert.Equal(empty.Fields.Select(f => (f.Name, f.DataType)), back.Answer.Table.Fields.Select(f => (f.Name, f.DataType)));
    }

    [Fact]
    public void Bytes_of_another_format_version_are_refused_not_misread()
    {
        var serializer = new CachedAnswerSerializer();
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(new CachedAnswer(new SourceAnswer { Table = MixedTable() }, FetchedAt, "GET x"), buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        bytes[0] = 99;
        Assert.Throws<InvalidDataException>(() => serializer.Deserialize(new ReadOnlySequence<byte>(bytes)));
        Assert.Throws<InvalidDataException>(() => serializer.Deserialize(new ReadOnlySequence<byte>([1, 2])));
    }
}
