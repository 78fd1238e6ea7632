using Headwater.Simulator.Admin;
using Headwater.Simulator.Faults;
using Headwater.Simulator.Generation;
using Headwater.Simulator.Tenants;
using Headwater.Simulator.Ukg;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Headwater.Simulator;

/// <summary>
/// A running UKG Pro simulator: a tenant served over HTTP with UKG's paths, names, authentication, paging and
/// faults. Start it standalone (Program.cs) or in-process from a test, which gets a free loopback port.
/// </summary>
public sealed class UkgSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private UkgSimulator(WebApplication app, SimulatorOptions options, Uri baseUrl)
    {
        _app = app;
        Options = options;
        BaseUrl = baseUrl;
    }

    public SimulatorOptions Options { get; }
    public Uri BaseUrl { get; }
    public Tenant Tenant => _app.Services.GetRequiredService<Tenant>();
    public FaultState Faults => _app.Services.GetRequiredService<FaultState>();

    /// <summary>The lines a shell can eval and Headwater reads from the environment.</summary>
    public IEnumerable<string> EnvironmentLines()
    {
        yield return $"UKG_BASE_URL={BaseUrl.ToString().TrimEnd('/')}";
        yield return $"UKG_USERNAME={Options.UserName}";
        yield return $"UKG_PASSWORD={Options.Password}";
        yield return $"UKG_CUSTOMER_API_KEY={Options.CustomerApiKey}";
        yield return $"UKG_LIMITED_USERNAME={Options.LimitedUserName}";
        yield return $"UKG_LIMITED_PASSWORD={Options.LimitedPassword}";
    }

    public static TenantData LoadOrGenerate(SimulatorOptions options, TimeProvider time)
    {
        if (options.TenantFile is { } path)
        {
            return TenantFile.Load(path);
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var asOf = options.AsOf ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, zone));
        return TenantGenerator.Generate(new GeneratorOptions(options.Employees, options.Seed, asOf));
    }

    public static async Task<UkgSimulator> StartAsync(SimulatorOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var data = LoadOrGenerate(options, time);
        var tenant = new Tenant(options.TenantSettings(), data.Companies, data.OrgLevels, data.Locations, data.Jobs, data.Roles, data.Rows, time);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(UkgSimulator).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, UkgJsonContext.Default));
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(tenant);
        builder.Services.AddSingleton(options.Api);
        builder.Services.AddSingleton(new FaultState(options.Faults, time));
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddSingleton<UkgGate>();

        var app = builder.Build();
        var ukg = app.MapGroup("").AddEndpointFilter<UkgGate>();
        ukg.MapPersonnel();
        ChangeFeed.MapChangeFeed(ukg);
        ukg.MapConfiguration();
        app.MapAdmin();

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new UkgSimulator(app, options, new Uri(address.Replace("[::]", options.Host, StringComparison.Ordinal)));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
