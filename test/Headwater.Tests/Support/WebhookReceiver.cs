using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Headwater.Tests.Support;

/// <summary>
/// test/webhook-receiver: a Node.js server that verifies every request's signature with the official standardwebhooks
/// library, records what it took (deduplicating by webhook-id) and fails as it is told. One per test, on a free
/// loopback port, with its own secret.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string InstallStep = "cd test/webhook-receiver && npm ci";
    private readonly StringBuilder _stderr = new();
    private readonly Process _process;
    private readonly HttpClient _admin;

    private WebhookReceiver(Process process, Uri url, string secret)
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
        var directory = Path.Combine(RepoRoot(), "test", "webhook-receiver");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"The webhook receiver's npm packages are not installed in {directory}: run `{InstallStep}` (test.sh does it).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { "server.js", "--port", "0", "--secret", secret })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Node.js is needed for the webhook tests and 'node' could not be run ({e.Message}): " +
                $"install it (apt-get install nodejs npm), then `{InstallStep}`.", e);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line?.StartsWith("WEBHOOK_URL=", StringComparison.Ordinal) != true)
        {
            var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"The webhook receiver did not start: {stderr} (is `{InstallStep}` done?)");
        }
        var receiver = new WebhookReceiver(process, new Uri(line["WEBHOOK_URL=".Length..]), secret);
        process.ErrorDataReceived += (_, e) => { lock (receiver._stderr) { receiver._stderr.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        return receiver;
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

    public string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString().Trim();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Headwater.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Headwater.slnx was not found above {AppContext.BaseDirectory}.");
    }
}
