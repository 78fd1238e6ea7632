using System.Diagnostics;
using System.Text;

namespace Headwater.Simulator.Tests.Cli;

/// <summary>
/// The built simulator run as its own process, as a developer or CI job runs it: <c>dotnet Headwater.Simulator.dll</c>
/// from the test output folder, where the build copies it. Disposing kills the process.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    public static readonly string[] EnvironmentNames =
    [
        "UKG_BASE_URL", "UKG_USERNAME", "UKG_PASSWORD", "UKG_CUSTOMER_API_KEY", "UKG_LIMITED_USERNAME", "UKG_LIMITED_PASSWORD",
    ];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private SimulatorProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static SimulatorProcess Start(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Headwater.Simulator.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project should copy the simulator next to itself.");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return new SimulatorProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Reads standard output until the six environment lines have appeared, in order, each alone on its line.</summary>
    public async Task<List<KeyValuePair<string, string>>> ReadEnvironmentAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var lines = new List<KeyValuePair<string, string>>();
        while (lines.Count < EnvironmentNames.Length)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"The simulator exited early ({ExitCode()}): {Errors}");
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith("UKG_", StringComparison.Ordinal) && equals > 0)
            {
                lines.Add(new(line[..equals], line[(equals + 1)..]));
            }
        }
        return lines;
    }

    /// <summary>Reads all of standard output until the process exits (for commands that end by themselves).</summary>
    public async Task<(int ExitCode, string Output)> RunToEndAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var output = await _process.StandardOutput.ReadToEndAsync(timeout.Token);
        await _process.WaitForExitAsync(timeout.Token);
        return (_process.ExitCode, output);
    }

    private string ExitCode() => _process.HasExited ? $"exit code {_process.ExitCode}" : "still running";

    /// <summary>The dotnet host running these tests, so the simulator runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
