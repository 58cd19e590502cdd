using Das.Sky.Positions;
using Das.Sources.Redshifts;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.VoTable;

namespace Das.Sources.Tests.Redshifts;

/// <summary>
/// Answers of SIMBAD, NED and VizieR (fixtures written from the reference's shapes) turned into redshift rows.
/// Expected separations were computed with astropy (SkyCoord.separation) for the fixture positions.
/// </summary>
public sealed class RedshiftNormaliserTests
{
    private static readonly SkyPosition Centre = new(334.02, -7.8988);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<VoTableDocument> ReadAsync(string name)
    {
        await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Fixture.Text("Redshifts", name)));
        var read = await VoTableReader.ReadAsync(stream, null, Ct);
        Assert.True(read.Succeeded, read.Failure?.Message);
        return read.Document!;
    }

    internal sealed record Row(double Separation, double Z, double ZErr, string Kind, string? Object, string? Catalogue, string? ZColumn, string? Quality, string? Reference);

    internal static List<Row> Rows(Table table)
    {
        Assert.True(RedshiftTable.IsRedshiftTable(table));
        double N(int c, int r) => table.Columns[c].IsNull(r) ? double.NaN : ((ScalarColumn<double>)table.Columns[c])[r];
        string? S(int c, int r) => ((StringColumn)table.Columns[c]).GetString(r);
        return [.. Enumerable.Range(0, table.RowCount).Select(r => new Row(N(0, r), N(1, r), N(2, r), S(3, r)!, S(4, r), S(7, r), S(9, r), S(10, r), S(11, r)))];
    }

    private static async Task<List<Row>> NormaliseAsync(string fixture, string catalogue)
    {
        var document = await ReadAsync(fixture);
        var rows = new RedshiftRows();
        foreach (var table in document.AllTables())
        {
            RedshiftNormaliser.Append(table, Centre, new RedshiftCatalogue(table.Name ?? catalogue, null, "test", "GET http://127.0.0.1/"), rows);
        }
        return Rows(RedshiftTable.Merge([rows.Build()]));
    }

    [Fact]
    public async Task Simbad_rows_take_their_kind_from_rvz_nature_and_a_velocity_error_is_divided_by_c()
    {
        var rows = await NormaliseAsync("simbad-basic-three-redshifts.xml", "SIMBAD");

        Assert.Equal(["SYN J2216.0-0753 host", "SYN star 1", "SYN QSO 2"], rows.Select(r => r.Object));
        Assert.Equal([0, 1.9228130657271707, 7.3568911852378704], rows.Select(r => r.Separation), new Tolerance(1e-6));
        Assert.Equal(["spec", "spec", "phot"], rows.Select(r => r.Kind));
        Assert.Equal(0.0002, rows[0].ZErr, 9);
        Assert.Equal(1e-5, rows[1].ZErr, 12); // 2.99792458 km/s over c
        Assert.True(double.IsNaN(rows[2].ZErr));
        Assert.Equal(["B", "A", "E"], rows.Select(r => r.Quality));
        Assert.Equal("2023Synth.999..26R", rows[0].Reference);
        Assert.All(rows, r => Assert.Equal("rvz_redshift", r.ZColumn));
    }

    [Fact]
    public async Task Ned_rows_read_zunc_as_the_error_and_zflag_as_the_kind()
    {
        var rows = await NormaliseAsync("ned-objdir-two-redshifts.xml", "NED");

        Assert.Equal(["WISEA J221604.80-075355.6", "SDSS J221605.20-075400.0"], rows.Select(r => r.Object));
        Assert.Equal([0.2341, 1.19], rows.Select(r => r.Z));
        Assert.Equal(0.0001, rows[0].ZErr, 9);
        Assert.True(double.IsNaN(rows[1].ZErr));
        Assert.Equal(["spec", "phot"], rows.Select(r => r.Kind));
    }

    [Fact]
    public async Task Vizier_tables_give_one_row_per_redshift_column_with_distance_from_position_or_from_r()
    {
        var rows = await NormaliseAsync("vizier-ucd-redshift-three-catalogues.xml", "VizieR");

        // 2MRS at the centre; 6dF has only _r (0.041 arcmin); the photo-z table's sexagesimal position is 7.347".
        Assert.Equal(["J/ApJS/199/26/table3", "VII/259/6dfgs", "J/A+A/999/1/photoz", "J/A+A/999/1/photoz"], rows.Select(r => r.Catalogue));
        Assert.Equal([0, 2.46, 7.34727340756565, 7.34727340756565], rows.Select(r => r.Separation), new Tolerance(1e-4));
        Assert.Equal([0.234, 0.2339, 1.2003, 1.31], rows.Select(r => r.Z), new Tolerance(1e-6));
        Assert.Equal(["unknown", "unknown", "spec", "phot"], rows.Select(r => r.Kind));
        Assert.Equal(["z", "z", "zspec", "zphot"], rows.Select(r => r.ZColumn));
        Assert.Equal(0.0001, rows[0].ZErr, 9);
        Assert.True(double.IsNaN(rows[2].ZErr)); // zspec has no error column; e_zphot is not its error
        Assert.Equal(0.08, rows[3].ZErr, 6);
        Assert.Equal(["A", null], rows.Skip(2).Select(r => r.Quality)); // q_zspec belongs to zspec only
        Assert.Equal("22160480-0753556", rows[0].Object);
    }

    [Fact]
    public async Task A_table_without_a_redshift_column_adds_nothing_and_says_so()
    {
        var document = await ReadAsync("vizier-ucd-redshift-three-catalogues.xml");
        var twoMass = document.AllTables().Single(t => t.Name == "II/246/out");
        var rows = new RedshiftRows();

        Assert.Equal(-1, RedshiftNormaliser.Append(twoMass, Centre, new RedshiftCatalogue("II/246/out", null, "test", null), rows));
        Assert.Equal(0, rows.Count);
    }

    [Theory]
    [InlineData("z", "phot.mag;em.opt.I", null, -1)] // a z-band magnitude named z is not a redshift
    [InlineData("z", null, null, 1)]
    [InlineData("zph", null, "phot", 1)]
    [InlineData("zsp", "", "spec", 1)]
    [InlineData("redshift", "src.redshift", "phot", 1)]
    public void Columns_are_found_by_ucd_then_by_name_and_a_description_gives_the_kind(string name, string? ucd, string? kind, int expected)
    {
        var z = Column.Create(new Field
        {
            Name = name, DataType = VoDataType.Double, Ucd = ucd,
            Description = name == "redshift" ? "Photometric redshift (BPZ)" : null,
        });
        ((ScalarColumn<double>)z).Append(0.5);
        var rows = new RedshiftRows();

        int added = RedshiftNormaliser.Append(new Table([z]), Centre, new RedshiftCatalogue("t", null, "test", null), rows);

        Assert.Equal(expected, added);
        if (added > 0)
        {
            Assert.Equal(kind ?? "unknown", Rows(rows.Build())[0].Kind);
            Assert.True(double.IsNaN(Rows(rows.Build())[0].Separation)); // no position, no distance: separation unknown
        }
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
