using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Headwater.Testing;

namespace Headwater.Tests.Support;

/// <summary>
/// test/webhook-receiver: a Node.js server that verifies every request's signature with the official standardwebhooks
/// library, records what it took (deduplicating by webhook-id) and fails as it is told. One per test, on a free
/// loopback port, with its own secret.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly NodePeer _process;
    private readonly HttpClient _admin;

    private WebhookReceiver(NodePeer process, Uri url, string secret)
    {
        _process = process;
        Url = url;
        Secret = secret;
        _admin = new HttpClient { BaseAddress = new Uri(url, "/_test/") };
    }

    public Uri Url { get; }

    /// <summary>The secret it verifies with, <c>whsec_</c> and base64 of 32 random bytes.</summary>
    public string Secret { get; }

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static async Task<WebhookReceiver> StartAsync(string? secret = null)
    {
        secret ??= NewSecret();
        var process = await NodePeer.StartAsync("webhook-receiver", ["--port", "0", "--secret", secret], ["WEBHOOK_URL"]);
        return new WebhookReceiver(process, new Uri(process.Announced["WEBHOOK_URL"]), secret);
    }

    /// <summary>The answers to give, in order: e.g. <c>new { status = 503, retryAfter = 1, times = 2 }</c>,
    /// <c>new { hang = true }</c>, <c>new { status = 410 }</c>; 200 after them.</summary>
    public async Task Faults(params object[] faults)
    {
        using var response = await _admin.PostAsJsonAsync("faults", faults);
        response.EnsureSuccessStatusCode();
    }

    public async Task Reset()
    {
        using var response = await _admin.PostAsync("reset", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>What it saw: <c>attempts</c> (id, type, status, verified), <c>accepted</c> (id, type, timestamp, body),
    /// <c>duplicates</c> (ids taken again) and <c>rejected</c> (signatures that did not verify).</summary>
    public async Task<JsonObject> Deliveries() => (JsonObject)JsonNode.Parse(await _admin.GetStringAsync("deliveries"))!;

    /// <summary>The events taken, in the order they came.</summary>
    public async Task<List<JsonObject>> Accepted() => [.. (await Deliveries())["accepted"]!.AsArray().Select(a => (JsonObject)a!)];

    /// <summary>Waits until <paramref name="count"/> events are taken, or fails saying what came.</summary>
    public async Task<List<JsonObject>> WaitForAccepted(int count, TimeSpan? within = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var accepted = await Accepted();
            if (accepted.Count >= count)
            {
                return accepted;
            }
            if (waited.Elapsed > (within ?? TimeSpan.FromSeconds(60)))
            {
                throw new Xunit.Sdk.XunitException($"{accepted.Count} of {count} events arrived: {await Deliveries()}");
            }
            await Task.Delay(100);
        }
    }

    public string Stderr() => _process.Stderr();

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _process.DisposeAsync();
    }
}
