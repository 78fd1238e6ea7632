using System.Text.Json;
using Headwater.Cli;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

/// <summary>Bad input and unreachable peers end in a sentence and an exit code, never in a stack trace.</summary>
public sealed class FailureMessageTests
{
    [Fact]
    public async Task Malformed_YAML_is_a_configuration_problem()
    {
        await using var env = await SyncCli.StartAsync(employees: 5);
        await File.WriteAllTextAsync(env.ConfigPath, "ukg:\n  baseUrl: [unclosed\n  username: x: y\ndestinations: []\n");
        using var cli = new CliHarness(env.Environment());

        foreach (var command in new[] { "plan", "workers", "check", "runs" })
        {
            var result = await cli.Run(command);

            Assert.True(result.Exit == ExitCodes.Configuration, result.Output);
            Assert.Contains("not valid YAML", result.Output, StringComparison.Ordinal);
            NoStackTrace(result);
        }
    }

    [Fact]
    public async Task A_secret_from_a_CRLF_env_file_is_used_without_its_line_ending()
    {
        await using var env = await SyncCli.StartAsync(employees: 5);
        var environment = env.Environment();
        environment["APP_SCIM_TOKEN"] += "\r";
        environment["UKG_PASSWORD"] += "\r\n";
        using var cli = new CliHarness(environment);

        var sync = await cli.Run("sync");

        Assert.True(sync.Exit == ExitCodes.Ok, sync.Output);
        NoStackTrace(sync);
    }

    [Theory]
    [InlineData("not a connection string", ExitCodes.Configuration)]
    [InlineData("Host=nowhere.invalid;Database=headwater;Username=x;Password=y;Timeout=3", ExitCodes.Unreachable)]
    public async Task A_bad_or_unreachable_HEADWATER_POSTGRES_is_a_message_and_an_exit_code(string postgres, int exit)
    {
        await using var env = await SyncCli.StartAsync(employees: 5);
        var environment = env.Environment();
        environment["HEADWATER_POSTGRES"] = postgres;
        using var cli = new CliHarness(environment);

        foreach (var command in new[] { new[] { "runs" }, ["workers"], ["plan"], ["migrate"], ["why", "E1"] })
        {
            var result = await cli.Run(command);

            Assert.True(result.Exit == exit, $"{command[0]}: {result.Output}");
            Assert.Contains("HEADWATER_POSTGRES", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Password=y", result.Output, StringComparison.Ordinal);
            NoStackTrace(result);
        }
    }

    [Fact]
    public async Task Plan_json_on_a_failure_prints_json_with_each_failure_and_its_cause()
    {
        await using var env = await SyncCli.StartAsync(employees: 5);
        var environment = env.Environment();
        environment["APP_SCIM_TOKEN"] = "wrong-token";
        using var cli = new CliHarness(environment);

        var plan = await cli.Run("plan", "--json");

        Assert.True(plan.Exit == ExitCodes.Unauthorized, plan.Output);
        var failure = Assert.Single(JsonDocument.Parse(plan.Output).RootElement.GetProperty("failures").EnumerateArray());
        Assert.Equal("Credentials", failure.GetProperty("cause").GetString());
        Assert.False(string.IsNullOrEmpty(failure.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("sync")]
    [InlineData("workers")]
    [InlineData("check")]
    [InlineData("runs")]
    public async Task Json_output_stays_json_when_the_configuration_cannot_be_used(string command)
    {
        await using var env = await SyncCli.StartAsync(employees: 5);
        var environment = env.Environment();
        environment.Remove("UKG_BASE_URL");
        environment["HEADWATER_POSTGRES"] = "not a connection string";
        using var cli = new CliHarness(environment);

        var result = await cli.Run(command, "--json");

        Assert.True(result.Exit == ExitCodes.Configuration, result.Output);
        var failures = JsonDocument.Parse(result.Output).RootElement.GetProperty("failures").EnumerateArray().ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Equal("Configuration", f.GetProperty("cause").GetString()));
    }

    private static void NoStackTrace(CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
    }
}
