using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Headwater.Simulator.Tests.Cli;

/// <summary>The simulator as a command: it prints what a shell evals and Headwater reads, then serves that address.</summary>
public sealed class CommandLineTests
{
    private static HttpClient Client(Dictionary<string, string> env, string userKey, string passwordKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(env["UKG_BASE_URL"] + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{env[userKey]}:{env[passwordKey]}")));
        http.DefaultRequestHeaders.Add("US-Customer-Api-Key", env["UKG_CUSTOMER_API_KEY"]);
        return http;
    }

    [Fact]
    public async Task The_simulator_prints_six_environment_lines_and_serves_the_printed_address_with_the_printed_credentials()
    {
        await using var process = SimulatorProcess.Start("--port", "0", "--employees", "50", "--as-of", "2026-11-23");

        var lines = await process.ReadEnvironmentAsync();

        Assert.Equal(SimulatorProcess.EnvironmentNames, lines.Select(l => l.Key));
        Assert.All(lines, l => Assert.Matches(@"^\S+$", l.Value));
        var env = lines.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        var url = new Uri(env["UKG_BASE_URL"]);
        Assert.Equal("http", url.Scheme);
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(0, url.Port);
        Assert.False(env["UKG_BASE_URL"].EndsWith('/'));
        using var http = Client(env, "UKG_USERNAME", "UKG_PASSWORD");
        using var response = await http.GetAsync(new Uri("personnel/v1/employment-details", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.InRange(rows.RootElement.GetArrayLength(), 50, 60);
    }

    [Fact]
    public async Task The_printed_limited_account_reads_employment_but_not_person_details()
    {
        await using var process = SimulatorProcess.Start("--port", "0", "--employees", "50", "--as-of", "2026-11-23");
        var env = (await process.ReadEnvironmentAsync()).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        using var limited = Client(env, "UKG_LIMITED_USERNAME", "UKG_LIMITED_PASSWORD");

        using var employment = await limited.GetAsync(new Uri("personnel/v1/employment-details?per_page=5", UriKind.Relative));
        using var person = await limited.GetAsync(new Uri("personnel/v1/person-details?per_page=5", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, employment.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, person.StatusCode);
    }

    [Fact]
    public async Task Options_given_on_the_command_line_reach_the_running_simulator()
    {
        await using var process = SimulatorProcess.Start(
            "--port", "0", "--employees", "20", "--as-of", "2026-11-23", "--error-rate", "1", "--time-zone", "America/Chicago");
        var env = (await process.ReadEnvironmentAsync()).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        using var http = Client(env, "UKG_USERNAME", "UKG_PASSWORD");

        using var info = JsonDocument.Parse(await http.GetStringAsync(new Uri("_sim/info", UriKind.Relative)));
        using var failing = await http.GetAsync(new Uri("personnel/v1/employment-details", UriKind.Relative));

        Assert.InRange(info.RootElement.GetProperty("rows").GetInt32(), 20, 25);
        Assert.Equal("America/Chicago", info.RootElement.GetProperty("timeZone").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
    }

    [Fact]
    public async Task Help_lists_every_option_and_exits()
    {
        await using var process = SimulatorProcess.Start("--help");

        var (exitCode, output) = await process.RunToEndAsync();

        Assert.Equal(0, exitCode);
        string[] options =
        [
            "--port", "--host", "--employees", "--seed", "--as-of", "--tenant", "--time-zone", "--date-style", "--empty-strings",
            "--max-page-size", "--changes-max-page-size", "--enforce-change-cadence", "--rate-limit", "--retry-after",
            "--error-rate", "--hang-rate", "--truncate-rate", "--latency-ms", "--row-latency-ms", "--password-expires-after",
        ];
        Assert.All(options, option => Assert.Contains(option, output, StringComparison.Ordinal));
        Assert.DoesNotContain("UKG_BASE_URL", output, StringComparison.Ordinal);
    }
}
