using Headwater.Cli;
using Headwater.Data;
using Headwater.Simulator;

namespace Headwater.Tests.Support;

/// <summary>What one command printed and the code it exited with.</summary>
public sealed record CliResult(int Exit, string Output);

/// <summary>
/// Runs headwater's commands in-process, parsed as Program.cs parses them, with an environment of their own and
/// everything they print captured (unwrapped, as when the output is not a terminal).
/// </summary>
public sealed class CliHarness : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly CliContext _context;

    /// <param name="environment">The commands' environment, read as they run.</param>
    /// <param name="time">The commands' clock.</param>
    /// <param name="service">How requests to HEADWATER_URL are sent (a test server's handler); the network by default.</param>
    public CliHarness(IReadOnlyDictionary<string, string> environment, TimeProvider? time = null, HttpMessageHandler? service = null)
    {
        _context = CliContext.Captured(name => environment.GetValueOrDefault(name), _output, time) with { ServiceHandler = service };
    }

    /// <summary>Everything every command run so far has printed.</summary>
    public string AllOutput => _output.ToString();

    public async Task<CliResult> Run(params string[] args)
    {
        var start = _output.GetStringBuilder().Length;
        var exit = await Commands.Root(_context).Parse(args).InvokeAsync();
        return new CliResult(exit, _output.ToString()[start..]);
    }

    /// <summary>The variables the simulator prints and where state is kept: a data directory, and PostgreSQL when
    /// the store is a PostgreSQL database.</summary>
    public static Dictionary<string, string> Environment(UkgSimulator sim, DataOptions data)
    {
        var environment = Environment(sim, data.DataDirectory);
        if (data.PostgresConnectionString is { } postgres)
        {
            environment["HEADWATER_POSTGRES"] = postgres;
        }
        return environment;
    }

    /// <summary>The variables the simulator prints, as a shell would export them, and a data directory.</summary>
    public static Dictionary<string, string> Environment(UkgSimulator sim, string dataDirectory)
    {
        var environment = sim.EnvironmentLines().Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        environment["HEADWATER_DATA_DIR"] = dataDirectory;
        return environment;
    }

    /// <summary>Fails if the output holds either secret anywhere, in any case.</summary>
    public static void AssertNoSecrets(string output, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(output.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The output contains a secret:\n{output}");
        }
    }

    public void Dispose() => _output.Dispose();
}
