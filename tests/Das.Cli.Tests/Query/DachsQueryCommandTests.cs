using System.Text.Json;

namespace Das.Cli.Tests.Query;

/// <summary><c>das query</c> on a catalogue of DaCHS services (TAP sync and async, SCS, SIA 1 and 2, SSA).</summary>
[Trait("Category", "Integration")]
public sealed class DachsQueryCommandTests
{
    private static string Catalogue
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DAS_DACHS_URL")))
            {
                Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
            }
            return Path.Combine(AppContext.BaseDirectory, "Query", "Fixtures", "dachs-sources.json");
        }
    }

    [Fact]
    public async Task Query_on_the_dachs_catalogue_streams_an_answer_from_every_protocol()
    {
        var (code, output, error) = await CliRunner.RunAsync("query", "--ra", "22:16:04.8", "--dec", "-07:53:55.7", "--config", Catalogue, "--json");
        Assert.True(code == 0, error);
        var outcomes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(o => o.GetProperty("source").GetString()!, o => o);
        Assert.Equal(["dachs-scs", "dachs-sia1", "dachs-sia2", "dachs-specz-async", "dachs-ssa", "dachs-tap-main"], outcomes.Keys.Order(StringComparer.Ordinal));
        Assert.All(outcomes.Values, o => Assert.Equal("Ok", o.GetProperty("status").GetString()));
        Assert.Equal(26, outcomes["dachs-scs"].GetProperty("rows").GetInt32()); // 36″ fixed radius: the README's 26 rows
        Assert.Equal(3, outcomes["dachs-sia1"].GetProperty("rows").GetInt32());
        Assert.Equal(1, outcomes["dachs-ssa"].GetProperty("rows").GetInt32());
        var main = outcomes["dachs-tap-main"].GetProperty("table");
        var z = main.GetProperty("columns").EnumerateArray().Select((c, i) => (c.GetProperty("name").GetString(), i)).Single(c => c.Item1 == "z").i;
        Assert.Equal(0.234, main.GetProperty("rows")[0][z].GetDouble(), 3); // nearest first: the FRB host
        Assert.Contains("SELECT TOP 2000 specz_id", outcomes["dachs-specz-async"].GetProperty("provenance").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_table_that_the_service_lacks_fails_with_the_services_words()
    {
        var (code, output, error) = await CliRunner.RunAsync("query", "--ra", "334.02", "--dec", "-7.8988", "--config", Catalogue,
            "--cat", "dachs-missing-table", "--cat", "SYNTH", "--img", "0");
        Assert.True(code == 0, error);
        Assert.Contains("FAIL  DaCHS missing table: the service reported an error:", output, StringComparison.Ordinal);
        Assert.Contains("synthcat.nowhere", output, StringComparison.Ordinal);
        Assert.Contains("ok    DaCHS synthcat (TAP):", output, StringComparison.Ordinal);
    }
}
