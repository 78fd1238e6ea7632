using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Headwater.Testing;

/// <summary>
/// A peer from test/&lt;folder&gt; (a Node.js server whose packages <c>npm ci</c> installs) in a process of its own on a
/// free loopback port. It announces itself with <c>KEY=value</c> lines on standard output (its address, its secrets).
/// Missing Node.js or missing packages fail with the step that fixes them; they never skip a test.
/// </summary>
internal sealed class NodePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Dictionary<string, string> _announced = new(StringComparer.Ordinal);

    private NodePeer(Process process) => _process = process;

    /// <summary>The <c>KEY=value</c> lines it printed as it started.</summary>
    public IReadOnlyDictionary<string, string> Announced => _announced;

    /// <summary>Starts <c>node server.js</c> with <paramref name="arguments"/> in test/<paramref name="folder"/> and waits
    /// until it has printed every key of <paramref name="announces"/>.</summary>
    /// <param name="folder">The folder under test/.</param>
    /// <param name="arguments">Its arguments after server.js.</param>
    /// <param name="announces">The keys it prints once it listens.</param>
    /// <param name="onError">Also given each line it writes to standard error (a benchmark echoes them).</param>
    public static async Task<NodePeer> StartAsync(string folder, IEnumerable<string> arguments, IReadOnlyCollection<string> announces,
        Action<string>? onError = null)
    {
        var installStep = $"cd test/{folder} && npm ci";
        var directory = Path.Combine(Repository.Root(), "test", folder);
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"The npm packages of {directory} are not installed: run `{installStep}` (test.sh does it).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments.Prepend("server.js"))
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
            throw new InvalidOperationException($"test/{folder} needs Node.js and 'node' could not be run ({e.Message}): " +
                $"install it (apt-get install nodejs npm), then `{installStep}`.", e);
        }
        var peer = new NodePeer(process);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                lock (peer._stderr)
                {
                    peer._stderr.AppendLine(text);
                }
                onError?.Invoke(text);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!announces.All(peer._announced.ContainsKey))
        {
            if (await process.StandardOutput.ReadLineAsync(timeout.Token) is not { } line)
            {
                await peer.DisposeAsync();
                throw new InvalidOperationException($"test/{folder} exited before saying where it listens: {peer.Stderr()} (is `{installStep}` done?)");
            }
            if (line.Split('=', 2) is [var key, var value])
            {
                peer._announced[key] = value;
            }
        }
        return peer;
    }

    /// <summary>What it has written to standard error.</summary>
    public string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString().Trim();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
