using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Headwater.Connectors.Tests.Support;

/// <summary>A bare HTTP server on a free loopback port that hands every request to one delegate; the canned UKG
/// server and the SCIM listener are built on it.</summary>
public static class LoopbackPeer
{
    /// <summary>Starts the server; its address is <c>http://127.0.0.1:port/</c>.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
