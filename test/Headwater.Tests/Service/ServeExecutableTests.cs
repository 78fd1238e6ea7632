using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Headwater.Tests.Cli;
using Headwater.Tests.Support;

namespace Headwater.Tests.Service;

/// <summary><c>headwater serve</c> as a separate process with no configuration but a data directory.</summary>
public sealed class ServeExecutableTests
{
    [Fact]
    public async Task Serve_prints_its_url_and_first_token_alone_on_lines_answers_and_stops_cleanly_on_SIGTERM()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("This test sends SIGTERM, which Windows does not have.");
            return;
        }
        var dataDirectory = StateStore.NewDataDirectory();
        using var process = StartServe(dataDirectory, []);
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var url = await process.StandardOutput.ReadLineAsync(timeout.Token);
            var token = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.True(url?.StartsWith("HEADWATER_URL=http://127.0.0.1:", StringComparison.Ordinal), $"{url}\n{token}");
            Assert.Matches("^HEADWATER_TOKEN=hw_[A-Za-z0-9_-]{43}$", token);

            using var client = new HttpClient { BaseAddress = new Uri(url!["HEADWATER_URL=".Length..]) };
            Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/health/live", UriKind.Relative), timeout.Token));
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/status", UriKind.Relative), timeout.Token)).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!["HEADWATER_TOKEN=".Length..]);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/status", UriKind.Relative), timeout.Token)).StatusCode);

            await TerminateAsync(process, timeout.Token);
            var rest = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"serve exited {process.ExitCode}:\n{await errors}");
            Assert.Equal("", rest.Trim());
            Assert.True(File.Exists(Path.Combine(dataDirectory, "headwater.db")));
            Assert.True(Directory.Exists(Path.Combine(dataDirectory, "keys")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.Combine(dataDirectory, "keys")));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>The cluster settings are read on PostgreSQL only, so those cases name a database (never reached).</summary>
    [Theory]
    [InlineData("HEADWATER_Service__PermitLimit", "0", "PermitLimit", false)]
    [InlineData("HEADWATER_Cluster__CheckinInterval", "0", "CheckinInterval", true)]
    [InlineData("HEADWATER_Cluster__IdleWait", "soon", "Cluster:IdleWait", true)]
    public async Task Serve_with_an_invalid_setting_says_which_and_exits_1_without_a_token_or_a_stack_trace(string variable, string value,
        string named, bool postgres)
    {
        var dataDirectory = StateStore.NewDataDirectory();
        try
        {
            (string, string)[] environment = postgres ? [(variable, value), ("HEADWATER_POSTGRES", StateStore.PostgresConnectionString())]
                : [(variable, value)];
            using var process = StartServe(dataDirectory, [], environment);
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            var printed = await output + await errors;
            Assert.True(process.ExitCode == 1, $"serve exited {process.ExitCode}:\n{printed}");
            Assert.Contains(named, printed, StringComparison.Ordinal);
            Assert.DoesNotContain("HEADWATER_", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Serve_with_demo_syncs_the_demo_integration_and_apply_and_export_talk_to_it()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("This test sends SIGTERM, which Windows does not have.");
            return;
        }
        var dataDirectory = StateStore.NewDataDirectory();
        using var process = StartServe(dataDirectory, ["--demo"]);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < 2; i++)
            {
                var pair = (await process.StandardOutput.ReadLineAsync(timeout.Token))!.Split('=', 2);
                environment[pair[0]] = pair[1];
            }
            string? demo;
            do
            {
                demo = await process.StandardError.ReadLineAsync(timeout.Token);
            }
            while (demo is not null && !demo.StartsWith("Demo: ", StringComparison.Ordinal));
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            Assert.Matches(@"^Demo: a simulated UKG Pro tenant .* at http://127\.0\.0\.1:\d+/.* at http://127\.0\.0\.1:\d+/", demo);

            using var client = new HttpClient { BaseAddress = new Uri(environment["HEADWATER_URL"]) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", environment["HEADWATER_TOKEN"]);
            string? status;
            do
            {
                await Task.Delay(500, timeout.Token);
                var runs = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/integrations/demo/runs", UriKind.Relative),
                    timeout.Token);
                status = runs.GetArrayLength() == 0 ? null : runs[0].GetProperty("status").GetString();
            }
            while (status is null or "Queued" or "Running");
            using var cli = new CliHarness(environment);
            var exported = Path.Combine(dataDirectory, "demo.yaml");
            var export = await cli.Run("export", "demo", "-o", exported);
            var apply = await cli.Run("apply", "-f", exported);

            Assert.Equal("Succeeded", status);
            Assert.True(export.Exit == 0, export.Output);
            Assert.StartsWith("name: demo", await File.ReadAllTextAsync(exported, timeout.Token), StringComparison.Ordinal);
            Assert.True(apply.Exit == 0, apply.Output);
            Assert.Contains("demo: no changes", apply.Output, StringComparison.Ordinal);

            await TerminateAsync(process, timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"serve --demo exited {process.ExitCode}:\n{await errors}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>Sends SIGTERM, as a service manager stops the service.</summary>
    private static async Task TerminateAsync(Process process, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
    }

    private static Process StartServe(string dataDirectory, string[] options, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(ExecutableTests.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ExecutableTests.HeadwaterDll(), "serve", "--urls", "http://127.0.0.1:0" }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HEADWATER_DATA_DIR"] = dataDirectory;
        start.Environment.Remove("HEADWATER_POSTGRES");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }
}
