using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Headwater.Configuration;
using Headwater.Data;
using Headwater.Service;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>headwater serve</c> in this process, composed by <see cref="ServiceHost"/> as the command composes it, on a
/// SQLite file in a temporary directory and a free loopback port, with an admin client over real HTTP. The request
/// limit is lifted (the benchmark makes thousands of requests with one token) and logs below warnings are dropped.
/// </summary>
internal sealed class BenchService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private bool _restarted;

    private BenchService(WebApplication app, string directory, HttpClient admin)
    {
        _app = app;
        _directory = directory;
        Admin = admin;
    }

    public HttpClient Admin { get; }

    /// <summary>The service's own services (its database, for seeding state directly).</summary>
    public IServiceProvider Services => _app.Services;

    public static Task<BenchService> StartAsync() => StartAsync(Directory.CreateTempSubdirectory("headwater-service-").FullName, null);

    /// <summary>Stops this service and starts another on its database with its token, as a restart does; the new one
    /// owns the database from then on.</summary>
    public async Task<BenchService> RestartAsync()
    {
        var token = Admin.DefaultRequestHeaders.Authorization!.Parameter;
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _restarted = true;
        return await StartAsync(_directory, token);
    }

    private static async Task<BenchService> StartAsync(string directory, string? token)
    {
        var builder = ServiceHost.CreateBuilder(new DataOptions(directory, null), "http://127.0.0.1:0");
        builder.Configuration["Service:PermitLimit"] = "1000000";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = ServiceHost.Build(builder);
        using var output = new StringWriter();
        await ServiceHost.StartAsync(app, output, CancellationToken.None);
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        string Value(string prefix) => lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
        // More connections than the default per server would allow the read clients; none are pooled away mid-run.
        var admin = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(Value("HEADWATER_URL=")),
            Timeout = TimeSpan.FromMinutes(2),
        };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Value("HEADWATER_TOKEN="));
        return new BenchService(app, directory, admin);
    }

    /// <summary>Stores an integration against the two simulators, as ServiceScenario's YAML does; returns the wall time.</summary>
    public Task<TimeSpan> PutAsync(string name, UkgSimulator ukg, ScimSimulator scim) => PutAsync(Admin, name, ukg, scim);

    /// <summary>Stores an integration through <paramref name="admin"/>, a client of a service with an admin token, with
    /// <paramref name="schedule"/> as the YAML of its schedule section (the default schedule if null).</summary>
    public static async Task<TimeSpan> PutAsync(HttpClient admin, string name, UkgSimulator ukg, ScimSimulator scim, string? schedule = null)
    {
        var yaml = $"""
            name: {name}
            ukg:
              baseUrl: {ukg.BaseUrl}
              username: {ukg.Options.UserName}
              password: ${"{"}UKG_PASSWORD{"}"}
              customerApiKey: ${"{"}UKG_CUSTOMER_API_KEY{"}"}
              timeZone: {ukg.Options.TimeZone}
            {schedule ?? ""}
            destinations:
              - name: app
                type: scim
                url: {scim.BaseUrl}
                token: ${"{"}SCIM_TOKEN{"}"}
            """;
        var body = new JsonObject
        {
            ["configuration"] = JsonNode.Parse(IntegrationFile.WriteJson(IntegrationFile.ReadModel(yaml).Config)),
            ["values"] = new JsonObject
            {
                ["UKG_PASSWORD"] = ukg.Options.Password,
                ["UKG_CUSTOMER_API_KEY"] = ukg.Options.CustomerApiKey,
                ["SCIM_TOKEN"] = scim.BearerToken,
            },
        };
        var clock = Stopwatch.StartNew();
        using var response = await admin.PutAsJsonAsync($"/api/integrations/{name}", body);
        var elapsed = clock.Elapsed;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"PUT {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return elapsed;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Each integration's status (Syncing, Connected, Error, ...) by name, from one list.</summary>
    public async Task<Dictionary<string, string>> StatusesAsync() =>
        (await GetAsync("/api/integrations")).EnumerateArray().ToDictionary(
            i => i.GetProperty("name").GetString()!, i => i.GetProperty("status").GetProperty("status").GetString()!);

    /// <summary>Polls the list until every named integration has a first run that has finished.</summary>
    public async Task WaitForFirstRunsAsync(IReadOnlyCollection<string> names, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var statuses = await StatusesAsync();
            var waiting = names.Count(n => statuses[n] is "Syncing" or "Not connected");
            if (waiting == 0)
            {
                return;
            }
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{waiting} integrations still have no finished first run after {limit}.");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_restarted)
        {
            return;
        }
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
