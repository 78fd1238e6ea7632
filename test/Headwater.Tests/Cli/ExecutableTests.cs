using System.Diagnostics;
using Headwater.Simulator;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

/// <summary>The built headwater executable, run as a separate process with the simulator's variables.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Headwater_check_run_as_a_process_with_the_simulator_variables_exits_0()
    {
        await using var sim = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = 50, AsOf = TestClock.AsOf });
        var dataDirectory = StateStore.NewDataDirectory();
        var headwater = HeadwaterDll();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(headwater);
        start.ArgumentList.Add("check");
        foreach (var (name, value) in CliHarness.Environment(sim, dataDirectory))
        {
            start.Environment[name] = value;
        }
        start.Environment.Remove("HEADWATER_POSTGRES");

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            var printed = await output + await errors;
            Assert.True(process.ExitCode == 0, $"headwater check exited {process.ExitCode}:\n{printed}");
            Assert.Contains("granted", printed, StringComparison.Ordinal);
            CliHarness.AssertNoSecrets(printed, sim.Options.Password, sim.Options.CustomerApiKey);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>
    /// headwater.dll in its own build output, beside the tests' (artifacts/bin/Headwater/&lt;config&gt;/): the copy in
    /// the tests' folder shares their dependencies, some of which come from the ASP.NET Core shared framework the
    /// simulator runs on, which headwater's runtime configuration does not load.
    /// </summary>
    internal static string HeadwaterDll()
    {
        var tests = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var beside = Path.Combine(tests.Parent!.Parent!.FullName, "Headwater", tests.Name, "headwater.dll");
        Assert.True(File.Exists(Path.Combine(tests.FullName, "headwater.dll")), $"headwater.dll was not built with the tests in {tests.FullName}.");
        Assert.True(File.Exists(beside), $"headwater.dll was not found in its own build output, {beside}.");
        return beside;
    }

    /// <summary>The dotnet host running these tests, so the executable runs on the same runtime.</summary>
    internal static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }
        return "dotnet";
    }
}
