using System.Diagnostics;
using System.Net.Http.Headers;

namespace Headwater.Benchmarks;

/// <summary>The built <c>headwater serve</c> (headwater.dll beside the benchmark's own build output) as a process of its
/// own on a free loopback port, with the environment given; its log is read and dropped.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri url, string? token)
    {
        _process = process;
        Url = url;
        Token = token;
    }

    public Uri Url { get; }

    /// <summary>The first admin token, printed by the first service on an empty database only.</summary>
    public string? Token { get; }

    /// <param name="environment">The service's variables.</param>
    /// <param name="first">Whether it is the first on its database, which prints the first admin token.</param>
    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> environment, bool first)
    {
        var bench = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var headwater = Path.Combine(bench.Parent!.Parent!.FullName, "Headwater", bench.Name, "headwater.dll");
        if (!File.Exists(headwater))
        {
            throw new InvalidOperationException($"headwater.dll was not found in its build output, {headwater}.");
        }
        // The dotnet host (the benchmark itself may run from its apphost).
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { headwater, "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("headwater serve did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var url = await process.StandardOutput.ReadLineAsync(timeout.Token);
        var token = first ? await process.StandardOutput.ReadLineAsync(timeout.Token) : null;
        if (url?.StartsWith("HEADWATER_URL=", StringComparison.Ordinal) != true)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"headwater serve did not start: {url}");
        }
        return new ServeProcess(process, new Uri(url["HEADWATER_URL=".Length..]), token?["HEADWATER_TOKEN=".Length..]);
    }

    /// <summary>A client of the service with the first admin token.</summary>
    public HttpClient Admin()
    {
        var admin = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return admin;
    }

    /// <summary>Stops the service with SIGTERM, as a service manager does, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
