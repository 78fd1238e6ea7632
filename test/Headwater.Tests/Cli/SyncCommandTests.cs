using System.Text.Json;
using Headwater.Cli;
using Headwater.Simulator.Scim;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

/// <summary>plan, sync, runs and why through the command line, with an integration file.</summary>
public sealed class SyncCommandTests
{
    [Fact]
    public async Task Plan_changes_nothing_sync_applies_and_the_next_plan_is_in_step()
    {
        await using var env = await SyncCli.StartAsync();
        using var cli = new CliHarness(env.Environment());

        var plan = await cli.Run("plan");
        Assert.True(plan.Exit == ExitCodes.Changes, plan.Output);
        Assert.Contains("to create", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed: this is a plan.", plan.Output, StringComparison.Ordinal);
        Assert.Matches(@"create group\s+│\s+Department: ", plan.Output);
        Assert.Matches(@"add members\s+│\s+Department: ", plan.Output);
        Assert.Equal(0, env.Scim.UserCount);
        Assert.Equal(0, env.Scim.GroupCount);

        var sync = await cli.Run("sync");
        Assert.True(sync.Exit == ExitCodes.Ok, sync.Output);
        Assert.Matches(@"Applied (\d+) of \1 changes", sync.Output);
        Assert.True(env.Scim.UserCount > 50);
        Assert.True(env.Scim.GroupCount > 0);

        var again = await cli.Run("plan");
        Assert.True(again.Exit == ExitCodes.Ok, again.Output);
        Assert.Contains("In step: nothing to change.", again.Output, StringComparison.Ordinal);
        CliHarness.AssertNoSecrets(cli.AllOutput, env.Scim.BearerToken, env.Ukg.Options.Password, env.Ukg.Options.CustomerApiKey);
    }

    [Fact]
    public async Task Plan_json_lists_every_change_with_its_attributes_and_runs_and_why_explain_them()
    {
        await using var env = await SyncCli.StartAsync();
        using var cli = new CliHarness(env.Environment());

        var plan = await cli.Run("plan", "--json");
        var reports = JsonDocument.Parse(plan.Output).RootElement;
        var report = Assert.Single(reports.EnumerateArray());
        Assert.Equal("app", report.GetProperty("destination").GetString());
        var create = report.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("kind").GetString() == "Create");
        var worker = create.GetProperty("workerId").GetString()!;
        Assert.Contains(create.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("name").GetString() == "externalId" && a.GetProperty("new").GetString() == worker);

        await cli.Run("sync");
        var runs = await cli.Run("runs");
        Assert.Contains("succeeded", runs.Output, StringComparison.Ordinal);
        Assert.Contains("planned", runs.Output, StringComparison.Ordinal);
        var why = await cli.Run("why", worker.ToLowerInvariant());
        Assert.True(why.Exit == ExitCodes.Ok, why.Output);
        Assert.Contains("created by Headwater", why.Output, StringComparison.Ordinal);
        Assert.Contains("Latest: create in run 2, applied", why.Output, StringComparison.Ordinal);
        var whyJson = JsonDocument.Parse((await cli.Run("why", worker, "--json")).Output).RootElement;
        Assert.True(whyJson.GetProperty("destinations")[0].GetProperty("account").GetProperty("active").GetBoolean());
        var shown = JsonDocument.Parse((await cli.Run("runs", "show", "2", "--json")).Output).RootElement;
        var created = shown.EnumerateArray().First(c => c.GetProperty("workerId").GetString() == worker);
        Assert.Equal("Applied", created.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Array, created.GetProperty("attributes").ValueKind);
        Assert.False(string.IsNullOrEmpty(created.GetProperty("drivers").GetProperty("lifecycle.state").GetString()));
        var missing = await cli.Run("why", "NOBODY");
        Assert.Equal(ExitCodes.NotFound, missing.Exit);
    }

    [Fact]
    public async Task A_sync_over_a_safety_limit_exits_8_changes_nothing_and_goes_ahead_when_approved()
    {
        await using var env = await SyncCli.StartAsync(destinationExtras: "    safety: { maxDeactivations: 1, maxDeactivationPercent: none }");
        using var cli = new CliHarness(env.Environment());
        Assert.Equal(ExitCodes.Ok, (await cli.Run("sync")).Exit);
        var leavers = env.Scim.Users.Where(u => u["active"]?.GetValue<bool>() != false).Take(2).Select(u => u["externalId"]!.ToString()).ToList();
        foreach (var leaver in leavers)
        {
            env.Ukg.Tenant.Terminate(leaver, env.Ukg.Tenant.Today().AddDays(-1));
        }

        var blocked = await cli.Run("sync");

        Assert.True(blocked.Exit == ExitCodes.Blocked, blocked.Output);
        Assert.Contains("2 deactivations planned; the limit is 1 per run.", blocked.Output, StringComparison.Ordinal);
        var run = System.Text.RegularExpressions.Regex.Match(blocked.Output, @"headwater sync --approve (\d+)").Groups[1].Value;
        Assert.NotEmpty(run);
        Assert.All(leavers, l => Assert.True(env.Scim.Users.Single(u => u["externalId"]!.ToString() == l)["active"]!.GetValue<bool>()));

        var approved = await cli.Run("sync", "--approve", run);

        Assert.True(approved.Exit == ExitCodes.Ok, approved.Output);
        Assert.All(leavers, l => Assert.False(env.Scim.Users.Single(u => u["externalId"]!.ToString() == l)["active"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Check_reads_the_UKG_connection_from_the_integration_file_when_there_is_one()
    {
        await using var env = await SyncCli.StartAsync();
        using var cli = new CliHarness(env.Environment());
        Assert.Equal(ExitCodes.Ok, (await cli.Run("check")).Exit);
        await File.WriteAllTextAsync(env.ConfigPath, "ukg:\n  password: not-a-reference\n" + await File.ReadAllTextAsync(env.ConfigPath));

        var result = await cli.Run("check");

        Assert.Equal(ExitCodes.Configuration, result.Exit);
        Assert.Contains("ukg.password", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-reference", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destination_that_refuses_the_token_exits_2_with_the_reason_and_changes_nothing()
    {
        await using var env = await SyncCli.StartAsync(employees: 40);
        var environment = env.Environment();
        environment["APP_SCIM_TOKEN"] = "wrong-token";
        using var cli = new CliHarness(environment);

        var result = await cli.Run("sync");

        Assert.True(result.Exit == ExitCodes.Unauthorized, result.Output);
        Assert.Contains("app could not be read or reached", result.Output, StringComparison.Ordinal);
        Assert.Contains("401", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, env.Scim.UserCount);
        CliHarness.AssertNoSecrets(result.Output, "wrong-token");
        var runs = await cli.Run("runs", "--json");
        var run = JsonDocument.Parse(runs.Output).RootElement[0];
        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Contains("Reading the destination's accounts failed", run.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_UKG_fails_the_sync_exits_5_and_no_one_is_deactivated_or_changed()
    {
        await using var env = await SyncCli.StartAsync(employees: 60);
        using var cli = new CliHarness(env.Environment());
        Assert.Equal(ExitCodes.Ok, (await cli.Run("sync")).Exit);
        var before = env.Scim.Users.Select(u => u.ToJsonString()).ToList();
        env.Ukg.Faults.Settings = new Headwater.Simulator.Faults.FaultSettings { ErrorRate = 1.0 };

        var failed = await cli.Run("sync", "--full-read");

        Assert.True(failed.Exit == ExitCodes.ReadFailed, failed.Output);
        Assert.Equal(before, env.Scim.Users.Select(u => u.ToJsonString()).ToList());
        var runs = JsonDocument.Parse((await cli.Run("runs", "--json")).Output).RootElement;
        Assert.Equal(1, runs.GetArrayLength());
    }

    [Fact]
    public async Task A_bad_integration_file_lists_its_problems_and_exits_1()
    {
        await using var env = await SyncCli.StartAsync(destinationExtras: "    lifecycle: { leave: sometimes }");
        using var cli = new CliHarness(env.Environment());

        var result = await cli.Run("plan");

        Assert.Equal(ExitCodes.Configuration, result.Exit);
        Assert.Contains("destinations[0].lifecycle.leave", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sync_the_destination_rate_limits_prints_that_it_waits_which_host_asked_and_for_how_long()
    {
        await using var env = await SyncCli.StartAsync(employees: 30,
            scim: new ScimSimulatorOptions { RateLimitEvery = 40, RetryAfter = TimeSpan.FromSeconds(1) });
        using var cli = new CliHarness(env.Environment());

        var result = await cli.Run("sync");

        Assert.True(result.Exit == ExitCodes.Ok, result.Output);
        Assert.Contains($"app: waiting, rate limited: {env.Scim.BaseUrl.Authority} asked to wait 1 s (Retry-After)", result.Output,
            StringComparison.Ordinal);
    }
}
