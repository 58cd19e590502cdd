using System.Text.Json;
using Das.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Das.Web.Tests.Hubs;

public sealed class QueryHubTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HubConnection> ConnectAsync(DasWebHost host)
    {
        var server = host.Factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/query"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();
        await connection.StartAsync(Ct);
        return connection;
    }

    [Fact]
    public async Task Hub_streams_the_start_then_every_outcome_in_completion_order()
    {
        await using var host = await DasWebHost.StartAsync(("fast", "/fast", "catalogue", 10, null), ("slow", "/slow", "catalogue", 10, null));
        host.Archive.Route("/fast", FakeResponse.VoTable(DasWebHost.Table(1)));
        host.Archive.Route("/slow", FakeResponse.VoTable(DasWebHost.Table(2)) with { Delay = TimeSpan.FromMilliseconds(500) });
        await using var connection = await ConnectAsync(host);
        var lines = new List<JsonElement>();
        await foreach (var line in connection.StreamAsync<JsonElement>("StreamQuery", "RA=22:16:04.8&DEC=-07:53:55.7&IMG=0", Ct))
        {
            lines.Add(line);
        }
        Assert.Equal("start", lines[0].GetProperty("type").GetString());
        Assert.Equal(334.02, lines[0].GetProperty("query").GetProperty("ra").GetDouble(), 6);
        Assert.Equal(["fast", "slow"], lines.Skip(1).Select(l => l.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Array, lines[1].GetProperty("table").GetProperty("rows").ValueKind);
    }

    [Fact]
    public async Task Hub_answers_bad_parameters_with_the_errors_and_asks_nothing()
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null));
        await using var connection = await ConnectAsync(host);
        var lines = new List<JsonElement>();
        await foreach (var line in connection.StreamAsync<JsonElement>("StreamQuery", "RA=10:61:00&DEC=10", Ct))
        {
            lines.Add(line);
        }
        var only = Assert.Single(lines);
        Assert.Equal("errors", only.GetProperty("type").GetString());
        Assert.Equal("RA", only.GetProperty("errors")[0].GetProperty("parameter").GetString());
        Assert.Empty(host.Archive.RequestsTo("/a"));
    }
}
