using Das.Tables.VoTable;
using Das.Vo.Vizier;

namespace Das.Vo.Tests.Vizier;

public sealed class VizierAnswersTests
{
    [Fact]
    public async Task Tables_with_a_redshift_column_are_found_with_their_error_and_distance_columns()
    {
        await using var stream = Fixture.Open("Vizier", "asu-ucd-redshift-two-catalogues.xml");
        var read = await VoTableReader.ReadAsync(stream, null, TestContext.Current.CancellationToken);
        Assert.True(read.Succeeded, read.Failure?.Message);
        var tables = VizierAnswers.TablesWithRedshift(read.Document!);
        Assert.Equal(["J/ApJS/199/26/table3", "VII/259/6dfgs"], tables.Select(t => t.TableId));
        var twoMrs = tables[0];
        Assert.Equal("z", twoMrs.Redshift.Name);
        Assert.Equal("e_z", twoMrs.RedshiftError?.Name);
        Assert.Equal("_r", twoMrs.Distance?.Name);
        Assert.Equal("2MRS catalog", twoMrs.Description);
        Assert.Null(tables[1].RedshiftError);
        Assert.True(tables[1].Redshift.IsNull(1));
    }
}
