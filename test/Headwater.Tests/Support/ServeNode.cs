using System.Diagnostics;
using System.Text;
using Headwater.Tests.Cli;

namespace Headwater.Tests.Support;

/// <summary><c>headwater serve</c> as a process of its own on a free loopback port, with the environment given; its
/// standard error is kept for a failing test's message.</summary>
public sealed class ServeNode : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors;

    private ServeNode(Process process, StringBuilder errors, string url, string? token)
    {
        _process = process;
        _errors = errors;
        Url = new Uri(url);
        Token = token;
    }

    public Uri Url { get; }

    /// <summary>The first admin token, printed by the first service on an empty database only.</summary>
    public string? Token { get; }

    public bool HasExited => _process.HasExited;

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

    /// <summary>Starts the service and waits until it listens (at most two minutes).</summary>
    /// <param name="environment">The service's variables.</param>
    /// <param name="first">Whether it is the first on its database, which prints the first admin token.</param>
    public static async Task<ServeNode> StartAsync(IReadOnlyDictionary<string, string> environment, bool first)
    {
        var start = new ProcessStartInfo(ExecutableTests.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ExecutableTests.HeadwaterDll(), "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string? url = null;
        string? token = null;
        try
        {
            while (url is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                url = line.StartsWith("HEADWATER_URL=", StringComparison.Ordinal) ? line["HEADWATER_URL=".Length..] : null;
            }
            if (url is not null && first && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } next)
            {
                token = next.StartsWith("HEADWATER_TOKEN=", StringComparison.Ordinal) ? next["HEADWATER_TOKEN=".Length..] : null;
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what the service wrote.
        }
        if (url is null)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"headwater serve did not start:\n{errors}");
        }
        return new ServeNode(process, errors, url!, token);
    }

    /// <summary>Stops the service with SIGTERM, as a service manager does, and waits for it to exit.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Kills the service outright (SIGKILL), as a crash or a lost machine would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
