using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Headwater.Cli;
using Headwater.Connectors.Ukg;
using Headwater.Simulator;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

/// <summary>
/// <c>headwater check</c> against the simulator: each web service granted, missing or failing, a readable table or
/// JSON, the documented exit codes, and never a secret in what it prints.
/// </summary>
public sealed class CheckCommandTests : IAsyncLifetime
{
    private readonly string _dataDirectory = StateStore.NewDataDirectory();
    private UkgSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = 50, AsOf = TestClock.AsOf });

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private string[] Secrets => [_sim.Options.Password, _sim.Options.LimitedPassword, _sim.Options.CustomerApiKey];

    [Fact]
    public async Task Check_with_the_full_account_exits_0_with_a_table_naming_every_web_service_as_granted()
    {
        using var cli = new CliHarness(CliHarness.Environment(_sim, _dataDirectory));

        var result = await cli.Run("check");

        Assert.Equal(ExitCodes.Ok, result.Exit);
        var lines = result.Output.Split('\n');
        foreach (var (service, path) in UkgCheck.Probes)
        {
            var row = Assert.Single(lines, line => line.Contains(service, StringComparison.Ordinal));
            Assert.Contains("granted", row, StringComparison.Ordinal);
            Assert.Contains(path[..path.IndexOf('?', StringComparison.Ordinal)], row, StringComparison.Ordinal);
        }
        Assert.Contains("All web services the sync needs are granted.", result.Output, StringComparison.Ordinal);
        Assert.Contains(_sim.Options.UserName, result.Output, StringComparison.Ordinal);
        CliHarness.AssertNoSecrets(cli.AllOutput, Secrets);
    }

    [Fact]
    public async Task Check_json_with_the_limited_account_exits_3_and_names_the_missing_services_with_the_fix()
    {
        var environment = CliHarness.Environment(_sim, _dataDirectory);
        environment["UKG_USERNAME"] = _sim.Options.LimitedUserName;
        environment["UKG_PASSWORD"] = _sim.Options.LimitedPassword;
        using var cli = new CliHarness(environment);

        var result = await cli.Run("check", "--json");

        Assert.Equal(ExitCodes.PermissionMissing, result.Exit);
        using var report = JsonDocument.Parse(result.Output);
        Assert.False(report.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(_sim.Options.LimitedUserName, report.RootElement.GetProperty("userName").GetString());
        var outcomes = report.RootElement.GetProperty("services").EnumerateArray()
            .ToDictionary(s => s.GetProperty("service").GetString()!, s => (Outcome: s.GetProperty("outcome").GetString(), Detail: s.GetProperty("detail").GetString()!));
        Assert.Equal(UkgCheck.Probes.Select(p => p.Service).Order(), outcomes.Keys.Order());
        Assert.Equal("Granted", outcomes["Personnel Integration"].Outcome);
        foreach (var missing in new[] { "Employee Person Details", "Company Configuration Integration" })
        {
            Assert.Equal("Missing", outcomes[missing].Outcome);
            Assert.Contains("Service Account Administration", outcomes[missing].Detail, StringComparison.Ordinal);
            Assert.Contains($"grant View on '{missing}'", outcomes[missing].Detail, StringComparison.Ordinal);
        }
        CliHarness.AssertNoSecrets(cli.AllOutput, Secrets);
    }

    [Fact]
    public async Task Check_with_a_wrong_password_exits_2_and_names_the_likely_cause()
    {
        var environment = CliHarness.Environment(_sim, _dataDirectory);
        environment["UKG_PASSWORD"] = "Wrong-Passw0rd!";
        using var cli = new CliHarness(environment);

        var result = await cli.Run("check");

        Assert.Equal(ExitCodes.Unauthorized, result.Exit);
        Assert.Contains("unauthorized", result.Output, StringComparison.Ordinal);
        Assert.Contains("401", result.Output, StringComparison.Ordinal);
        Assert.Contains("password", result.Output, StringComparison.Ordinal);
        CliHarness.AssertNoSecrets(cli.AllOutput, [.. Secrets, "Wrong-Passw0rd!"]);
    }

    [Fact]
    public async Task Check_with_nothing_configured_exits_1_and_lists_every_missing_variable()
    {
        using var cli = new CliHarness(new Dictionary<string, string>());

        var result = await cli.Run("check");

        Assert.Equal(ExitCodes.Configuration, result.Exit);
        foreach (var variable in new[] { "UKG_BASE_URL", "UKG_USERNAME", "UKG_PASSWORD", "UKG_CUSTOMER_API_KEY" })
        {
            Assert.Contains($"{variable} is not set", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_against_a_closed_port_exits_4_and_reports_every_service_as_failing()
    {
        var environment = CliHarness.Environment(_sim, _dataDirectory);
        environment["UKG_BASE_URL"] = $"http://127.0.0.1:{ClosedPort()}";
        using var cli = new CliHarness(environment);

        var result = await cli.Run("check", "--json");

        Assert.Equal(ExitCodes.Unreachable, result.Exit);
        using var report = JsonDocument.Parse(result.Output);
        var services = report.RootElement.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(UkgCheck.Probes.Count, services.Count);
        Assert.All(services, s =>
        {
            Assert.Equal("Failing", s.GetProperty("outcome").GetString());
            Assert.StartsWith("Could not connect to", s.GetProperty("detail").GetString(), StringComparison.Ordinal);
        });
        CliHarness.AssertNoSecrets(cli.AllOutput, Secrets);
    }

    [Fact]
    public async Task Check_json_is_valid_JSON_carrying_the_https_note_when_the_URL_was_upgraded()
    {
        // 0.0.0.0 is not loopback, so http:// is upgraded; nothing listens there, so the probes fail at once.
        var port = ClosedPort();
        var environment = CliHarness.Environment(_sim, _dataDirectory);
        environment["UKG_BASE_URL"] = $"http://0.0.0.0:{port}";
        using var cli = new CliHarness(environment);

        var result = await cli.Run("check", "--json");

        Assert.Equal(ExitCodes.Unreachable, result.Exit);
        using var report = JsonDocument.Parse(result.Output);
        Assert.Equal($"https://0.0.0.0:{port}/", report.RootElement.GetProperty("baseUrl").GetString());
        Assert.Equal("0.0.0.0 was given with http://; using https://, which UKG Pro requires.", report.RootElement.GetProperty("note").GetString());
    }

    [Theory]
    [InlineData("full", false)]
    [InlineData("full", true)]
    [InlineData("limited", false)]
    [InlineData("limited", true)]
    [InlineData("wrong password", false)]
    [InlineData("wrong password", true)]
    [InlineData("wrong customer API key", false)]
    [InlineData("wrong customer API key", true)]
    public async Task Check_never_prints_the_password_or_the_customer_API_key(string account, bool json)
    {
        var environment = CliHarness.Environment(_sim, _dataDirectory);
        if (account == "limited")
        {
            environment["UKG_USERNAME"] = _sim.Options.LimitedUserName;
            environment["UKG_PASSWORD"] = _sim.Options.LimitedPassword;
        }
        else if (account == "wrong password")
        {
            environment["UKG_PASSWORD"] = "Wrong-Passw0rd!";
        }
        else if (account == "wrong customer API key")
        {
            environment["UKG_CUSTOMER_API_KEY"] = "ZQXWV";
        }
        using var cli = new CliHarness(environment);

        var result = await (json ? cli.Run("check", "--json") : cli.Run("check"));

        Assert.NotEqual(ExitCodes.Configuration, result.Exit);
        Assert.Contains(_sim.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Output, StringComparison.Ordinal);
        CliHarness.AssertNoSecrets(cli.AllOutput, [.. Secrets, environment["UKG_PASSWORD"], environment["UKG_CUSTOMER_API_KEY"]]);
    }

    /// <summary>A loopback port nothing listens on: one the system handed out and then took back.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
