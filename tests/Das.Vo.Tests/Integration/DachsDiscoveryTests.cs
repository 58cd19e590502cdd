using Das.Vo.Answers;
using Das.Vo.Http;
using Das.Vo.Tap;
using Das.Vo.Vizier;
using Das.Vo.Vosi;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Vo.Tests.Integration;

/// <summary>Finding tables and columns on a real TAP service, both ways: ADQL on TAP_SCHEMA and VOSI per table.</summary>
[Trait("Category", "Integration")]
public sealed class DachsDiscoveryTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private VoQueryClient _query = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly VoCallOptions Options = new() { Budget = TimeSpan.FromSeconds(60) };

    public ValueTask InitializeAsync()
    {
        _services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        _query = _services.GetRequiredService<VoQueryClient>();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Tap_schema_lists_every_synthetic_table_with_its_columns()
    {
        var answer = await _query.QueryAsync(TapSchemaQuery.AllColumns(DachsPeer.Url("tap")).BuildSyncRequest(), Options, null, Ct);
        var schema = TapSchemaQuery.ReadSchema(answer.Table);
        foreach (var table in new[] { "synthcat.main", "synthcat.specz", "synthimg.main", "synthspec.data", "ivoa.obscore" })
        {
            Assert.NotNull(schema.FindTable(table));
        }
        Assert.True(schema.TryColumn("synthcat.main", "z", out _, out var error), error);
    }

    [Fact]
    public async Task Redshift_columns_are_found_by_their_ucd_across_tables()
    {
        var answer = await _query.QueryAsync(TapSchemaQuery.ColumnsWithUcd(DachsPeer.Url("tap"), "src.redshift").BuildSyncRequest(), Options, null, Ct);
        var schema = TapSchemaQuery.ReadSchema(answer.Table, "src.redshift");
        Assert.Contains(schema.Tables, t => t.Name == "synthcat.main" && t.Columns.Any(c => c.Name == "z"));
        Assert.Contains(schema.Tables, t => t.Name == "synthcat.specz" && t.Columns.Any(c => c.Name == "z"));
        Assert.DoesNotContain(schema.Tables.SelectMany(t => t.Columns), c => c.Name == "z_err");
    }

    [Fact]
    public async Task One_table_columns_come_from_its_vosi_document()
    {
        var http = _services.GetRequiredService<VoHttpClient>();
        await using var response = await http.SendAsync(TapVizierCone.TableMetadataRequest(DachsPeer.Url("tap"), "synthcat.specz"), Options, Ct);
        Assert.True(VosiParser.TryParseTables(response.Body, out var schema, out var error), error);
        Assert.Equal("synthcat.specz", Assert.Single(schema.Tables).Name);
        Assert.True(schema.TryColumn("synthcat.specz", "main_id", out _, out error), error);
    }
}
