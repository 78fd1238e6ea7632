using Headwater.Cli;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

/// <summary>Each command needs only the secrets of what it talks to: workers and check only UKG's, runs and why
/// none but the state store's; plan and sync every one.</summary>
public sealed class SecretsNeededTests
{
    [Fact]
    public async Task Workers_and_check_run_without_a_destination_token()
    {
        await using var env = await SyncCli.StartAsync(employees: 30);
        var environment = env.Environment();
        environment.Remove("APP_SCIM_TOKEN");
        using var cli = new CliHarness(environment);

        var workers = await cli.Run("workers");
        var show = await cli.Run("workers", "show", env.Ukg.Tenant.Snapshot().Span[0].EmployeeId);
        var check = await cli.Run("check");
        var plan = await cli.Run("plan");

        Assert.True(workers.Exit == ExitCodes.Ok, workers.Output);
        Assert.True(show.Exit == ExitCodes.Ok, show.Output);
        Assert.True(check.Exit == ExitCodes.Ok, check.Output);
        Assert.True(plan.Exit == ExitCodes.Configuration, plan.Output);
        Assert.Contains("APP_SCIM_TOKEN is not set", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_and_why_read_local_state_without_any_UKG_or_destination_secret()
    {
        await using var env = await SyncCli.StartAsync(employees: 30);
        var id = env.Ukg.Tenant.Snapshot().ToArray().First(r => r.StatusCode == "A").EmployeeId;
        using (var full = new CliHarness(env.Environment()))
        {
            Assert.Equal(ExitCodes.Ok, (await full.Run("sync")).Exit);
        }
        var environment = env.Environment();
        environment.Remove("APP_SCIM_TOKEN");
        environment.Remove("UKG_PASSWORD");
        environment.Remove("UKG_CUSTOMER_API_KEY");
        using var cli = new CliHarness(environment);

        var runs = await cli.Run("runs");
        var show = await cli.Run("runs", "show", "1");
        var why = await cli.Run("why", id);

        Assert.True(runs.Exit == ExitCodes.Ok, runs.Output);
        Assert.True(show.Exit == ExitCodes.Ok, show.Output);
        Assert.True(why.Exit == ExitCodes.Ok, why.Output);
        Assert.Contains("created by Headwater", why.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(not read)", runs.Output + show.Output + why.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_still_needs_the_state_store_connection_string_the_file_names()
    {
        await using var env = await SyncCli.StartAsync(employees: 30);
        await File.WriteAllTextAsync(env.ConfigPath, "data:\n  postgres: ${STATE_PG}\n" + await File.ReadAllTextAsync(env.ConfigPath));
        using var cli = new CliHarness(env.Environment());

        var runs = await cli.Run("runs");

        Assert.True(runs.Exit == ExitCodes.Configuration, runs.Output);
        Assert.Contains("STATE_PG is not set", runs.Output, StringComparison.Ordinal);
    }
}
