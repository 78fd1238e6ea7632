using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
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
        using var process = StartServe(dataDirectory);
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

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }
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

    [Fact]
    public async Task Serve_with_an_invalid_setting_says_which_and_exits_1_without_a_token_or_a_stack_trace()
    {
        var dataDirectory = StateStore.NewDataDirectory();
        try
        {
            using var process = StartServe(dataDirectory, ("HEADWATER_Service__PermitLimit", "0"));
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            var printed = await output + await errors;
            Assert.True(process.ExitCode == 1, $"serve exited {process.ExitCode}:\n{printed}");
            Assert.Contains("PermitLimit", printed, StringComparison.Ordinal);
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

    private static Process StartServe(string dataDirectory, params (string Name, string Value)[] environment)
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
        start.Environment["HEADWATER_DATA_DIR"] = dataDirectory;
        start.Environment.Remove("HEADWATER_POSTGRES");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }
}
