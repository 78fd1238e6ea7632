using System.Diagnostics;

namespace Headwater.Benchmarks;

/// <summary>The simulator in a process of its own, so the connector's memory is measured without it.</summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, Dictionary<string, string> environment)
    {
        _process = process;
        Environment = environment;
    }

    /// <summary>UKG_BASE_URL, UKG_USERNAME, … as the simulator printed them.</summary>
    public Dictionary<string, string> Environment { get; }

    public static async Task<SimulatorProcess> StartAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Headwater.Simulator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        while (environment.Count < 6 && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                environment[line[..equals]] = line[(equals + 1)..];
            }
        }
        if (environment.Count < 6)
        {
            throw new InvalidOperationException("The simulator exited before printing its address: " + await process.StandardError.ReadToEndAsync());
        }
        return new SimulatorProcess(process, environment);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
