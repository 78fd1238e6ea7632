using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Headwater.Configuration;
using Headwater.Connectors.Scim;
using Headwater.Connectors.Ukg;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Data;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Tests.Support;

/// <summary>
/// A simulated UKG tenant, a simulated SCIM application, a fake clock and a state store, with one destination
/// ("app") composed the way the CLI composes it. Each sync reads UKG first, as <c>headwater sync</c> does.
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    public const string Name = "app";
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private SyncHarness(UkgSimulator ukg, ScimSimulator scim, FakeTimeProvider clock, StateStore store, DestinationSettings destination)
    {
        Ukg = ukg;
        Scim = scim;
        Clock = clock;
        Store = store;
        Destination = destination;
        Services = Build();
    }

    public UkgSimulator Ukg { get; }
    public ScimSimulator Scim { get; }
    public FakeTimeProvider Clock { get; }
    public StateStore Store { get; }
    public DestinationSettings Destination { get; private set; }
    public ServiceProvider Services { get; private set; }

    public static async Task<SyncHarness> StartAsync(StateStore store, int employees = 120,
        Func<DestinationSettings, DestinationSettings>? configure = null, ScimSimulatorOptions? scimOptions = null)
    {
        await store.MigrateAsync();
        var clock = TestClock.Create();
        var ukg = await UkgSimulator.StartAsync(StateHarness.Tenant(employees), clock);
        var scim = await ScimSimulator.StartAsync(scimOptions);
        var kind = new ScimKind();
        var destination = new DestinationSettings(
            Name,
            kind,
            new ScimOptions { BaseUrl = scim.BaseUrl, BearerToken = scim.BearerToken, RetryDelay = TimeSpan.Zero, MaxRetries = 2 },
            Mapper.Create(kind.DefaultMapping),
            new SyncPolicy { MatchBy = kind.MatchBy },
            SafetyLimits.None,
            WorkerScope.Everyone,
            GroupRules.None,
            Concurrency: 4)
        {
            // As if read from a file, so a sync after an applied one plans only who changed, as the CLI's would.
            Fingerprint = "harness",
        };
        return new SyncHarness(ukg, scim, clock, store, configure?.Invoke(destination) ?? destination);
    }

    /// <summary>Changes the destination's settings from now on.</summary>
    public async Task Reconfigure(Func<DestinationSettings, DestinationSettings> change)
    {
        Destination = change(Destination) with { Fingerprint = Guid.NewGuid().ToString() };
        await Services.DisposeAsync();
        Services = Build();
    }

    private ServiceProvider Build() => SyncServices.Build(
        Settings,
        new UkgClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.Zero },
        Clock,
        [Destination],
        services => services.AddSingleton<ILoggerProvider>(Logs));

    /// <summary>Everything the engine logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Reads UKG, then plans (and with <paramref name="apply"/>, applies) the destination, through the engine's
    /// one entry point; the destination's outcome, or a test failure naming why there is none.</summary>
    public async Task<SyncOutcome> Sync(bool apply = true, int? approve = null, bool reconcile = false, IProgress<SyncProgress>? progress = null,
        bool everyone = false, CancellationToken cancellationToken = default)
    {
        var result = await Run(apply, approve, reconcile, progress, everyone, cancellationToken);
        return result.Destinations.SingleOrDefault()
            ?? throw new Xunit.Sdk.XunitException("The sync ended without a plan: " + string.Join(" ", result.Failures.Select(f => $"{f.Cause}: {f.Message}")));
    }

    /// <summary>The whole result of a run, failures included.</summary>
    public Task<SyncResult> Run(bool apply = true, int? approve = null, bool reconcile = false, IProgress<SyncProgress>? progress = null,
        bool everyone = false, CancellationToken cancellationToken = default) =>
        SyncEngine.Run(Services, Integration, new SyncRequest(apply, approve, Reconcile: reconcile, Everyone: everyone), progress, cancellationToken);

    /// <summary>The integration as the engine sees it: the simulated tenant and the one destination.</summary>
    public Integration Integration => new(Settings, [Destination]);

    private Settings Settings => new(new UkgConnection(Ukg.BaseUrl, Ukg.Options.UserName, Ukg.Options.Password, Ukg.Options.CustomerApiKey), Store.Options, null);

    public Task<SyncOutcome> Plan(bool everyone = false) => Sync(apply: false, everyone: everyone);

    public async Task<T> Query<T>(Func<HeadwaterDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HeadwaterDb>());
    }

    public Task<List<AccountRecord>> Accounts() => Query(db => db.Accounts.AsNoTracking().OrderBy(a => a.WorkerId).ToListAsync());

    public async Task<AccountRecord> AccountOf(string workerId) =>
        (await Accounts()).SingleOrDefault(a => string.Equals(a.WorkerId, workerId, StringComparison.OrdinalIgnoreCase))
        ?? throw new Xunit.Sdk.XunitException($"Worker {workerId} has no account record.");

    public Task<List<ChangeRecord>> Changes(int runId) => Query(db => db.Changes.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.Id).ToListAsync());

    /// <summary>The SCIM user as the application holds it.</summary>
    public JsonObject User(string accountId) =>
        Scim.Users.SingleOrDefault(u => u["id"]?.ToString() == accountId) ?? throw new Xunit.Sdk.XunitException($"The SCIM application has no user {accountId}.");

    public static bool Active(JsonObject user) => user["active"]?.GetValue<bool>() ?? true;

    public static string? ManagerOf(JsonObject user) => user[Enterprise]?["manager"]?["value"]?.ToString();

    public static string? Department(JsonObject user) => user[Enterprise]?["department"]?.ToString();

    /// <summary>A client for the SCIM application itself, to change it behind Headwater's back as its administrators might.</summary>
    public HttpClient ScimHttp()
    {
        var http = new HttpClient { BaseAddress = Scim.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Scim.BearerToken);
        return http;
    }

    /// <summary>Deletes a user directly in the SCIM application.</summary>
    public async Task DeleteUser(string accountId)
    {
        using var http = ScimHttp();
        (await http.DeleteAsync("Users/" + accountId)).EnsureSuccessStatusCode();
    }

    /// <summary>Creates a user directly in the SCIM application, as its administrators might have.</summary>
    public async Task<string> SeedUser(string userName, string? externalId = null, bool active = true)
    {
        using var http = ScimHttp();
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
            ["userName"] = userName,
            ["active"] = active,
        };
        if (externalId is not null)
        {
            user["externalId"] = externalId;
        }
        var response = await http.PostAsJsonAsync("Users", user);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Scim.DisposeAsync();
        await Ukg.DisposeAsync();
        await Store.DisposeAsync();
    }
}
