using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Das.Testing;

/// <summary>A bare Kestrel app on 127.0.0.1, on a port the OS picks, answering every request with one handler.</summary>
internal static class LoopbackApp
{
    /// <summary>Starts the app; <paramref name="handler"/> is called with it built, so it can answer for an object made first.</summary>
    public static async Task<(WebApplication App, Uri BaseUri)> StartAsync(RequestDelegate handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(); // Kestrel always provides addresses
        return (app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }
}
