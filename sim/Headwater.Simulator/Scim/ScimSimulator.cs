using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Headwater.Simulator.Scim;

/// <summary>
/// A running SCIM 2.0 service provider (RFC 7643 / 7644) held in memory: Users and Groups behind a bearer token, for
/// tests, the demo and benchmarks that need a SCIM application on loopback. <see cref="BaseUrl"/> is the SCIM root to
/// point a client at; <see cref="Users"/>, <see cref="Groups"/> and <see cref="Reset"/> look at and clear its state
/// without going through HTTP.
/// </summary>
public sealed class ScimSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ScimResources _users;
    private readonly ScimResources _groups;
    private readonly ScimGate _gate;

    private ScimSimulator(WebApplication app, ScimSimulatorOptions options, Uri baseUrl, ScimResources users, ScimResources groups, ScimGate gate)
    {
        _app = app;
        Options = options;
        BaseUrl = baseUrl;
        _users = users;
        _groups = groups;
        _gate = gate;
    }

    public ScimSimulatorOptions Options { get; }

    /// <summary>The SCIM root, ending in <c>/scim/v2/</c>.</summary>
    public Uri BaseUrl { get; }

    public string BearerToken => Options.BearerToken;

    /// <summary>A copy of every user, in creation order.</summary>
    public IReadOnlyList<JsonObject> Users => _users.Snapshot();

    public int UserCount => _users.Count;

    /// <summary>A copy of every group, in creation order.</summary>
    public IReadOnlyList<JsonObject> Groups => _groups.Snapshot();

    public int GroupCount => _groups.Count;

    /// <summary>Authenticated requests answered or being answered, since the start or the last <see cref="Reset"/>.</summary>
    public long Requests => _gate.Requests;

    /// <summary>Holds writes (POST, PUT, PATCH, DELETE) after the first <paramref name="passing"/> until the returned hold is
    /// disposed, while reads still answer: a client can then be looked at mid-way through its changes.</summary>
    public ScimWriteHold HoldWrites(int passing) => _gate.HoldWrites(passing);

    /// <summary>Deletes every user and group and restarts the count of requests (and so the rate limit's).</summary>
    public void Reset()
    {
        _users.Clear();
        _groups.Clear();
        _gate.Reset();
    }

    public static async Task<ScimSimulator> StartAsync(ScimSimulatorOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        options ??= new ScimSimulatorOptions();
        options.Validate();
        time ??= TimeProvider.System;
        var users = new ScimResources(ScimResourceType.User, time);
        var groups = new ScimResources(ScimResourceType.Group, time);
        var gate = new ScimGate(options, time);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ScimSimulator).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.MapScim(users, groups, gate, options.MaxPageSize);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var root = address.Replace("[::]", options.Host, StringComparison.Ordinal).TrimEnd('/') + ScimApi.BasePath + "/";
        return new ScimSimulator(app, options, new Uri(root), users, groups, gate);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
