using System.Text.Json;
using Das.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Das.Web.Tests.Jobs;

public sealed class JobsHubTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_hub_streams_a_downloads_progress_in_order_until_it_completes()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        await using var files = await FakeFileServer.StartAsync(Ct);
        var file = SyntheticFile.FitsFile(6_000_000, 11);
        var url = files.Serve("m51.fits", file, new FileServing { BytesPerSecond = 8_000_000 });
        using var client = host.Client;
        var server = host.Factory.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/jobs"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();
        await connection.StartAsync(Ct);
        var id = (await JobsApiTests.CreateAsync(client, new { kind = "download", parameters = new { urls = new[] { url } } })).GetProperty("id").GetString()!;

        var events = new List<JsonElement>();
        await foreach (var e in connection.StreamAsync<JsonElement>("Watch", id, Ct))
        {
            events.Add(e);
        }

        Assert.Equal("COMPLETED", events[^1].GetProperty("phase").GetString());
        var sequences = events.Skip(1).Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range((int)sequences[0], sequences.Count).Select(i => (long)i), sequences);
        var bytes = events.Where(e => e.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("bytesDone", out _))
            .Select(e => e.GetProperty("progress").GetProperty("bytesDone").GetInt64()).ToList();
        Assert.True(bytes.Count >= 3, "progress arrived along the way");
        Assert.Equal(bytes.Order(), bytes);
        Assert.Equal(file.Length, bytes[^1]);
        var perFile = events[^1].GetProperty("progress").GetProperty("files")[0];
        Assert.Equal("m51.fits", perFile.GetProperty("name").GetString());
        Assert.Equal("done", perFile.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Watching_another_callers_job_yields_nothing()
    {
        await using var host = await DasWebHost.StartAsync(("sia", "/sia", "images", 10, null));
        await using var files = await FakeFileServer.StartAsync(Ct);
        var url = files.Serve("x.fits", SyntheticFile.FitsFile(10_000, 12));
        using var alice = host.Client;
        alice.DefaultRequestHeaders.Add("X-Test-User", "alice");
        var id = (await JobsApiTests.CreateAsync(alice, new { kind = "download", parameters = new { urls = new[] { url } } })).GetProperty("id").GetString()!;
        var server = host.Factory.Server;
        await using var anonymous = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/jobs"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();
        await anonymous.StartAsync(Ct);

        var seen = new List<JsonElement>();
        await foreach (var e in anonymous.StreamAsync<JsonElement>("Watch", id, Ct))
        {
            seen.Add(e);
        }

        Assert.Empty(seen);
    }
}
