using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Headwater.Configuration;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Headwater.Tests.Service;

/// <summary>
/// A service with a simulated UKG Pro tenant and SCIM application on loopback, and an admin client: what the tests
/// of integrations, runs and workers start from. <see cref="PutAsync"/> stores an integration against the two.
/// </summary>
public sealed class ServiceScenario : IAsyncDisposable
{
    public const string UkgPasswordVariable = "UKG_PASSWORD";
    public const string ApiKeyVariable = "UKG_CUSTOMER_API_KEY";
    public const string ScimTokenVariable = "SCIM_TOKEN";

    /// <summary>A schedule that does not come due during a test: the integration runs only when asked.</summary>
    public const string Unscheduled = "schedule:\n  cron: \"0 0 3 1 1 ? 2099\"";

    private readonly ServiceDatabase? _owned;

    private ServiceScenario(ServiceDatabase? owned, ServiceApplication service, UkgSimulator ukg, ScimSimulator scim, string token)
    {
        _owned = owned;
        Service = service;
        Ukg = ukg;
        Scim = scim;
        Admin = service.Client(token);
    }

    public ServiceApplication Service { get; private set; }
    public UkgSimulator Ukg { get; }
    public ScimSimulator Scim { get; }
    public HttpClient Admin { get; private set; }

    /// <param name="employees">The tenant's size.</param>
    /// <param name="time">The service's and the UKG tenant's clock (the SCIM application keeps the real one).</param>
    /// <param name="configuration">The service's settings.</param>
    /// <param name="database">A database kept across services (a restart); by default a file of its own, removed after.</param>
    /// <param name="logs">Where the service's log lines are also written.</param>
    /// <param name="timeZone">The UKG tenant's time zone (IANA); the simulator's default if null.</param>
    /// <param name="configure">Last changes to the service's composition.</param>
    /// <param name="urls">Where a real server listens (a browser test's); by default a test server, in memory.</param>
    public static async Task<ServiceScenario> StartAsync(int employees = 40, TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? configuration = null, ServiceDatabase? database = null, ILoggerProvider? logs = null,
        string? timeZone = null, Action<WebApplicationBuilder>? configure = null, string? urls = null)
    {
        var tenant = new SimulatorOptions { Employees = employees };
        var ukg = await UkgSimulator.StartAsync(timeZone is null ? tenant : tenant with { TimeZone = timeZone }, time);
        var scim = await ScimSimulator.StartAsync(new ScimSimulatorOptions());
        var owned = database is null ? new ServiceDatabase(inMemory: false) : null;
        Directory.CreateDirectory((database ?? owned!).DataDirectory);
        var service = await ServiceApplication.StartAsync(database ?? owned, configuration, time, logs, configure, urls);
        // A restarted service prints no token: it made one at its first start only.
        var token = service.Output.Contains("HEADWATER_TOKEN=", StringComparison.Ordinal) ? service.AdminToken : await service.CreateToken("admin");
        return new ServiceScenario(owned, service, ukg, scim, token);
    }

    /// <summary>The integration's YAML, as a file would hold it, against the simulators; secrets as references.</summary>
    public string Yaml(string name, string? schedule = null) => $"""
        name: {name}
        ukg:
          baseUrl: {Ukg.BaseUrl}
          username: {Ukg.Options.UserName}
          password: ${"{"}{UkgPasswordVariable}{"}"}
          customerApiKey: ${"{"}{ApiKeyVariable}{"}"}
          timeZone: {Ukg.Options.TimeZone}
        {schedule ?? ""}
        destinations:
          - name: app
            type: scim
            url: {Scim.BaseUrl}
            token: ${"{"}{ScimTokenVariable}{"}"}
        """;

    /// <summary>The secrets' values, as <c>values</c> of a write.</summary>
    public Dictionary<string, string> Values => new(StringComparer.Ordinal)
    {
        [UkgPasswordVariable] = Ukg.Options.Password,
        [ApiKeyVariable] = Ukg.Options.CustomerApiKey,
        [ScimTokenVariable] = Scim.BearerToken,
    };

    /// <summary>PUT /api/integrations/{name} with the YAML as JSON and <paramref name="values"/> (default: every secret).</summary>
    public Task<HttpResponseMessage> PutAsync(string name, string? yaml = null, IReadOnlyDictionary<string, string>? values = null,
        bool dryRun = false)
    {
        var configuration = JsonNode.Parse(IntegrationFile.WriteJson(IntegrationFile.ReadModel(yaml ?? Yaml(name)).Config));
        var body = new JsonObject { ["configuration"] = configuration, ["values"] = JsonSerializer.SerializeToNode(values ?? Values) };
        return Admin.PutAsJsonAsync($"/api/integrations/{name}{(dryRun ? "?dryRun=true" : "")}", body);
    }

    /// <summary>Stores the integration, asserting it was created.</summary>
    public async Task CreateAsync(string name, string? yaml = null)
    {
        using var response = await PutAsync(name, yaml);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GET as JSON, asserting success.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>POST with an optional JSON body, asserting success, and the answer as JSON.</summary>
    public async Task<JsonElement> PostAsync(string path, object? body = null)
    {
        using var response = await Admin.PostAsync(path, body is null ? null : JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the run until it is no longer queued or running (at most a minute), and returns it.</summary>
    public async Task<JsonElement> WaitForRunAsync(int runId)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1);
        while (true)
        {
            var run = await GetAsync($"/api/runs/{runId}");
            var status = run.GetProperty("run").GetProperty("status").GetString();
            if (status is not ("Queued" or "Running"))
            {
                return run;
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Run {runId} is still {status} after a minute.");
            await Task.Delay(100);
        }
    }

    /// <summary>Stops the service and starts another on the same database (simulators unchanged), as after downtime.</summary>
    /// <param name="time">The new service's clock.</param>
    /// <param name="whileDown">What happens while no service runs (the clock moving on).</param>
    public async Task RestartAsync(TimeProvider time, Action? whileDown = null)
    {
        var database = _owned ?? throw new InvalidOperationException("A scenario on a database it does not own cannot restart.");
        Admin.Dispose();
        await Service.DisposeAsync();
        whileDown?.Invoke();
        Service = await ServiceApplication.StartAsync(database, time: time);
        Admin = Service.Client(await Service.CreateToken("admin"));
    }

    /// <summary>Waits for the integration's first run to finish, and returns it.</summary>
    public Task<JsonElement> WaitForFirstRunAsync(string name) => WaitForRunCountAsync(name, 1);

    /// <summary>Waits until the integration has <paramref name="count"/> runs and the newest has finished; returns it.</summary>
    public async Task<JsonElement> WaitForRunCountAsync(string name, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1);
        while (true)
        {
            var runs = await GetAsync($"/api/integrations/{name}/runs");
            if (runs.GetArrayLength() >= count)
            {
                return await WaitForRunAsync(runs[0].GetProperty("id").GetInt32());
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{name} has {runs.GetArrayLength()} runs after a minute, not {count}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Service.DisposeAsync();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
        await Scim.DisposeAsync();
        await Ukg.DisposeAsync();
    }
}
