using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Headwater.Cli;
using Headwater.Tests.Service;
using Headwater.Tests.Support;
using Microsoft.AspNetCore.TestHost;

namespace Headwater.Tests.Cli;

/// <summary><c>headwater check --destination NAME</c> against the SCIM simulator: a destination of the integration file,
/// of an integration stored in the state database, or of one stored by the service at HEADWATER_URL; the documented exit
/// codes, and never a secret in what it prints.</summary>
public sealed class DestinationCheckCommandTests
{
    [Fact]
    public async Task A_destination_of_the_file_passes_with_exit_0_and_a_wrong_token_fails_with_exit_7_and_what_to_do()
    {
        await using var env = await SyncCli.StartAsync(employees: 1);
        using var cli = new CliHarness(env.Environment());

        var passed = await cli.Run("check", "--destination", "app");

        Assert.Equal(ExitCodes.Ok, passed.Exit);
        Assert.Contains("Destination app: Test passed. GET Users answered 200", passed.Output, StringComparison.Ordinal);

        var environment = env.Environment();
        environment["APP_SCIM_TOKEN"] = "not-the-token";
        using var wrong = new CliHarness(environment);
        var failed = await wrong.Run("check", "--destination", "app", "--json");

        Assert.Equal(ExitCodes.DestinationFailed, failed.Exit);
        Assert.NotEqual(ExitCodes.Unreachable, failed.Exit);
        var report = JsonDocument.Parse(failed.Output).RootElement;
        Assert.Equal("app", report.GetProperty("destination").GetString());
        Assert.False(report.GetProperty("passed").GetBoolean());
        Assert.Contains("401", report.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Give the token", report.GetProperty("fix").GetString(), StringComparison.Ordinal);
        CliHarness.AssertNoSecrets(cli.AllOutput + wrong.AllOutput, env.Scim.BearerToken, "not-the-token", env.Ukg.Options.Password);
    }

    [Fact]
    public async Task A_service_at_HEADWATER_URL_that_cannot_be_reached_exits_4_not_the_code_of_a_failed_test()
    {
        // A port nothing listens on: taken from the system, then let go.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ServiceClient.UrlVariable] = $"http://127.0.0.1:{port}",
            [ServiceClient.TokenVariable] = "any-token",
        };
        using var cli = new CliHarness(environment);

        var result = await cli.Run("check", "--integration", "hr", "--destination", "app");

        Assert.Equal(ExitCodes.Unreachable, result.Exit);
        Assert.Contains($"No service answers at http://127.0.0.1:{port}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_destination_exits_6_naming_the_destinations_there_are()
    {
        await using var env = await SyncCli.StartAsync(employees: 1);
        using var cli = new CliHarness(env.Environment());

        var result = await cli.Run("check", "--destination", "crm");

        Assert.Equal(ExitCodes.NotFound, result.Exit);
        Assert.Contains("has no destination named 'crm'; its destinations are app.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destination_of_a_stored_integration_is_tested_from_the_state_database_or_through_the_service()
    {
        await using var scenario = await ServiceScenario.StartAsync(employees: 1);
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));
        var data = StateStore.NewDataDirectory();
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "hr.yaml");
        await File.WriteAllTextAsync(file, scenario.Yaml("hr", ServiceScenario.Unscheduled));
        var local = new Dictionary<string, string>(scenario.Values, StringComparer.Ordinal) { ["HEADWATER_DATA_DIR"] = data };
        using var cli = new CliHarness(local);
        Assert.Equal(ExitCodes.Ok, (await cli.Run("apply", "-f", file)).Exit);

        var stored = await cli.Run("check", "--integration", "hr", "--destination", "app", "--json");

        Assert.Equal(ExitCodes.Ok, stored.Exit);
        var report = JsonDocument.Parse(stored.Output).RootElement;
        Assert.Equal("hr", report.GetProperty("integration").GetString());
        Assert.True(report.GetProperty("passed").GetBoolean());
        Assert.Equal(ExitCodes.NotFound, (await cli.Run("check", "--integration", "payroll", "--destination", "app")).Exit);

        var remote = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ServiceClient.UrlVariable] = "http://localhost",
            [ServiceClient.TokenVariable] = scenario.Service.AdminToken,
        };
        using var service = new CliHarness(remote, service: scenario.Service.App.GetTestServer().CreateHandler());
        var through = await service.Run("check", "--integration", "hr", "--destination", "app");

        Assert.Equal(ExitCodes.Ok, through.Exit);
        Assert.Contains("Destination app: Test passed.", through.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await service.Run("check", "--integration", "hr", "--destination", "crm")).Exit);
        Assert.Equal(ExitCodes.Configuration, (await cli.Run("check", "--integration", "hr")).Exit);
        CliHarness.AssertNoSecrets(cli.AllOutput + service.AllOutput, scenario.Scim.BearerToken);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }
}
