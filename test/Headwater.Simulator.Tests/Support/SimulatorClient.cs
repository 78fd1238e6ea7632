using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Tests.Support;

/// <summary>
/// Starts a simulator on a free loopback port and gives tests an HttpClient that authenticates as the full
/// service account. One per test: nothing is shared, so tests may run in parallel.
/// </summary>
public sealed class SimulatorClient : IAsyncDisposable
{
    private SimulatorClient(UkgSimulator simulator)
    {
        Simulator = simulator;
        Http = CreateHttp(simulator.Options.UserName, simulator.Options.Password, simulator.Options.CustomerApiKey);
    }

    public UkgSimulator Simulator { get; }
    public HttpClient Http { get; }

    public static async Task<SimulatorClient> StartAsync(SimulatorOptions? options = null, TimeProvider? time = null) =>
        new(await UkgSimulator.StartAsync(options ?? new SimulatorOptions { Employees = 300, AsOf = new DateOnly(2026, 11, 23) }, time));

    /// <summary>A client with any credentials, for authentication tests.</summary>
    public HttpClient CreateHttp(string userName, string password, string? customerApiKey)
    {
        var http = new HttpClient { BaseAddress = Simulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        if (customerApiKey is not null)
        {
            http.DefaultRequestHeaders.Add("US-Customer-Api-Key", customerApiKey);
        }
        return http;
    }

    /// <summary>GETs a path and parses the body, failing the test with the status and body on anything but 200.</summary>
    public async Task<JsonElement> GetJson(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GETs a path (relative to the simulator, or absolute as in a Link header) with the full account.</summary>
    public Task<HttpResponseMessage> Get(string path) => Http.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute));

    /// <summary>GETs a path that must answer 200 with a JSON array, and returns its elements.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetArray(string path)
    {
        var json = await GetJson(path);
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        return [.. json.EnumerateArray()];
    }

    /// <summary>The rows the tenant holds right now, in the order the API pages them.</summary>
    public EmployeeRow[] Rows() => Simulator.Tenant.Snapshot().ToArray();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
