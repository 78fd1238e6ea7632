using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Headwater.Benchmarks;

/// <summary>test/scim-server (scimmy on Node.js) in a process of its own, on a free loopback port.</summary>
internal sealed class ScimServerProcess : IScimTestServer
{
    private const string InstallStep = "cd test/scim-server && npm ci";
    private readonly Process _process;
    private readonly HttpClient _admin;

    private ScimServerProcess(Process process, Uri baseUrl, string token)
    {
        _process = process;
        BaseUrl = baseUrl;
        Token = token;
        _admin = new HttpClient { BaseAddress = new Uri(baseUrl, "/") };
    }

    /// <summary>The SCIM root, ending in a slash (relative paths such as <c>Users</c> land under it).</summary>
    public Uri BaseUrl { get; }

    public string Token { get; }

    public static async Task<ScimServerProcess> StartAsync()
    {
        var directory = Path.Combine(RepoRoot(), "test", "scim-server");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"The SCIM test server's npm packages are not installed in {directory}: run `{InstallStep}`.");
        }
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "server.js", "--port", "0" })
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
            throw new InvalidOperationException($"Node.js is needed for the apply benchmark and 'node' could not be run ({e.Message}).", e);
        }
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrEmpty(line.Data))
            {
                Console.Error.WriteLine("scim-server: " + line.Data);
            }
        };
        process.BeginErrorReadLine();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (values.Count < 2 && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var split = line.Split('=', 2);
            if (split.Length == 2)
            {
                values[split[0]] = split[1];
            }
        }
        if (values.Count < 2)
        {
            throw new InvalidOperationException($"The SCIM test server exited before printing its address (is `{InstallStep}` done?).");
        }
        return new ScimServerProcess(process, new Uri(values["SCIM_BASE_URL"].TrimEnd('/') + "/"), values["SCIM_TOKEN"]);
    }

    /// <summary>Deletes every user and group and zeroes the counters.</summary>
    public async Task Reset()
    {
        using var response = await _admin.PostAsync(new Uri("_test/reset", UriKind.Relative), null);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"Resetting the SCIM test server answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>The number of users the server holds.</summary>
    public Task<int> Users() => Count("users");

    /// <summary>The number of groups the server holds.</summary>
    public Task<int> Groups() => Count("groups");

    private async Task<int> Count(string resource)
    {
        var stats = JsonNode.Parse(await _admin.GetStringAsync(new Uri("_test/stats", UriKind.Relative)))!;
        return stats[resource]!.GetValue<int>();
    }

    /// <summary>A client signed in with the bearer token, based at the SCIM root.</summary>
    public HttpClient Client(HttpMessageHandler handler)
    {
        var client = new HttpClient(handler) { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
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

    /// <summary>The nearest folder holding Headwater.slnx above the build output, the current directory or this
    /// source file (the build output may be outside the repository).</summary>
    internal static string RepoRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) ?? "" }.Where(s => s.Length > 0))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Headwater.slnx")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException($"Headwater.slnx was not found above {AppContext.BaseDirectory}, so test/scim-server cannot be located.");
    }
}
