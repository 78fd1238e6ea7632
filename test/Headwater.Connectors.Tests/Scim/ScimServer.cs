using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>The tests that share one SCIM test server. xUnit runs the tests of a collection one at a time, and each
/// test class resets the server first, so no test sees another's data.</summary>
[CollectionDefinition(Name)]
public sealed class ScimServerCollectionDefinition : ICollectionFixture<ScimServer>
{
    public const string Name = "SCIM server";
}

/// <summary>
/// test/scim-server (scimmy + scimmy-routers on Node.js), started once for the collection on a free loopback port and
/// stopped at the end. Missing Node.js or missing node_modules fail every test with the step that fixes it; they are
/// never skipped.
/// </summary>
public sealed class ScimServer : ScimPeer
{
    public const string InstallStep = "cd test/scim-server && npm ci";
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    public override async Task InitializeAsync()
    {
        var directory = Path.Combine(RepoRoot(), "test", "scim-server");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"The SCIM test server's npm packages are not installed in {directory}: run `{InstallStep}` (test.sh does it).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "server.js", "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Node.js is needed for the SCIM tests and 'node' could not be run ({e.Message}): install it (apt-get install nodejs npm), then `{InstallStep}`.", e);
        }
        _process.ErrorDataReceived += (_, line) => { lock (_stderr) { _stderr.AppendLine(line.Data); } };
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var values = new Dictionary<string, string>();
        while (values.Count < 2)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"The SCIM test server exited before printing its address. stderr: {Stderr()} (is `{InstallStep}` done?)");
            var split = line.Split('=', 2);
            if (split.Length == 2)
            {
                values[split[0]] = split[1];
            }
        }
        Connect(new Uri(values["SCIM_BASE_URL"]), values["SCIM_TOKEN"]);
    }

    public override async Task DisposeAsync()
    {
        Raw?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    /// <summary>Deletes every user and group, zeroes the counters and clears faults.</summary>
    public override async Task Reset()
    {
        using var response = await Raw.PostAsync(Admin("reset"), null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>The next <paramref name="failNext"/> SCIM requests, then every 1/<paramref name="rate429"/>th, get
    /// 429 with <c>Retry-After: retryAfter</c>.</summary>
    public async Task SetFaults(double rate429 = 0, double retryAfter = 1, int failNext = 0)
    {
        using var response = await Raw.PostAsJsonAsync(Admin("faults"), new { rate429, retryAfter, failNext });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>users, groups, requests, throttled, created, replaced, deleted.</summary>
    public async Task<JsonObject> Stats() => (JsonObject)JsonNode.Parse(await Raw.GetStringAsync(Admin("stats")))!;

    private Uri Admin(string path) => new(new Uri(BaseUrl, "/"), "_test/" + path);

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString().Trim();
        }
    }

    /// <summary>The repository root: the nearest folder holding Headwater.slnx above the test assembly, the current
    /// directory, or this source file (when the build output is outside the repository).</summary>
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
