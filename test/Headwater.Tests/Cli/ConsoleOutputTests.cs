using System.Text.Json;
using Headwater.Cli;
using Headwater.Tests.Support;
using Spectre.Console;

namespace Headwater.Tests.Cli;

/// <summary>What the commands print, as a person or a script reads it: no terminal control from UKG data, readable
/// JSON, no wrapping into a pipe, counts in good English, and plan-only runs told apart.</summary>
public sealed class ConsoleOutputTests
{
    [Fact]
    public async Task Escape_sequences_in_a_UKG_name_never_reach_the_terminal_from_workers_plan_or_why()
    {
        await using var env = await SyncCli.StartAsync(employees: 30);
        var id = ActiveEmployee(env);
        env.Ukg.Tenant.Rename(id, "\u001b[31mEve\u001b]0;pwned\u0007", "Smith\u001b[2J\u009b1m\u007f");
        using var cli = new CliHarness(env.Environment());

        var workers = await cli.Run("workers", "--search", "Eve");
        var plan = await cli.Run("plan", "--worker", id, "--limit", "0");
        await cli.Run("sync");
        var why = await cli.Run("why", id);

        Assert.True(workers.Exit == ExitCodes.Ok, workers.Output);
        Assert.Contains("EveSmith", workers.Output.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("EveSmith", why.Output.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var output in new[] { workers.Output, plan.Output, why.Output })
        {
            Assert.DoesNotContain(output, c => char.IsControl(c) && c is not ('\n' or '\r'));
            Assert.DoesNotContain("pwned", output, StringComparison.Ordinal);
            Assert.DoesNotContain("[31m", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\u001b[1;31mred\u001b[0m", "red")]
    [InlineData("a\u001b]0;title\u0007b", "ab")]
    [InlineData("a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b", "alinkb")]
    [InlineData("a\u001bcb", "ab")]
    [InlineData("tab\there", "tab here")]
    [InlineData("nul\0del\u007fc1\u0085", "nuldelc1")]
    [InlineData("Siobhán [admin]", "Siobhán [admin]")]
    public void Printable_text_keeps_what_is_readable_and_drops_control_characters_with_their_sequences(string text, string printed) =>
        Assert.Equal(printed, ConsoleText.Printable(text));

    [Fact]
    public async Task Json_output_keeps_accents_apostrophes_and_angle_brackets_readable()
    {
        await using var env = await SyncCli.StartAsync(employees: 30);
        var id = ActiveEmployee(env);
        env.Ukg.Tenant.Rename(id, "Siobhán", "O'Brien <ops>");
        using var cli = new CliHarness(env.Environment());

        var workers = await cli.Run("workers", "--json", "--search", "Siobh");
        var plan = await cli.Run("plan", "--json", "--worker", id);

        Assert.Contains("Siobhán O'Brien <ops>", workers.Output, StringComparison.Ordinal);
        Assert.Contains("Siobhán", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", workers.Output + plan.Output, StringComparison.Ordinal);
        Assert.Equal("Siobhán O'Brien <ops>", JsonDocument.Parse(workers.Output).RootElement[0].GetProperty("displayName").GetString());
    }

    [Fact]
    public void Output_that_is_not_a_terminal_is_not_wrapped()
    {
        using var output = new StringWriter();
        var context = CliContext.Captured(_ => null, output);
        var id = string.Concat(Enumerable.Repeat("0123456789", 30));

        context.Console.Write(new Table().AddColumns("Employee ID", "Name").AddRow(id, "A long name that would otherwise wrap"));
        ConsoleText.Heading(context.Console, "app");

        Assert.Contains(id, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("A long name that would otherwise wrap", output.ToString(), StringComparison.Ordinal);
        Assert.All(output.ToString().Split('\n'), line => Assert.True(line.Length < 400, line));
    }

    [Theory]
    [InlineData(0, "0 workers")]
    [InlineData(1, "1 worker")]
    [InlineData(2, "2 workers")]
    [InlineData(1234, "1,234 workers")]
    public void Counts_use_the_singular_for_one(int count, string text)
    {
        using var culture = new InvariantCulture();
        Assert.Equal(text, ConsoleText.Count(count, "worker"));
    }

    [Fact]
    public async Task A_read_of_one_worker_says_one_worker()
    {
        await using var env = await SyncCli.StartAsync(employees: 1);
        using var cli = new CliHarness(env.Environment());

        var workers = await cli.Run("workers");

        Assert.True(workers.Exit == ExitCodes.Ok, workers.Output);
        Assert.DoesNotContain("1 workers", workers.Output, StringComparison.Ordinal);
        Assert.Contains("read: 1 worker (1 new", workers.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_marks_the_changes_of_plan_only_runs()
    {
        await using var env = await SyncCli.StartAsync(employees: 30);
        var id = ActiveEmployee(env);
        using var cli = new CliHarness(env.Environment());
        await cli.Run("plan");
        await cli.Run("sync");

        var why = await cli.Run("why", id);
        var json = JsonDocument.Parse((await cli.Run("why", id, "--json")).Output).RootElement;

        Assert.True(why.Exit == ExitCodes.Ok, why.Output);
        Assert.Contains("1 (plan only)", why.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("2 (plan only)", why.Output, StringComparison.Ordinal);
        var changes = json.GetProperty("destinations")[0].GetProperty("changes").EnumerateArray().ToList();
        Assert.True(changes.Single(c => c.GetProperty("run").GetInt32() == 1).GetProperty("planOnly").GetBoolean());
        Assert.False(changes.Single(c => c.GetProperty("run").GetInt32() == 2).GetProperty("planOnly").GetBoolean());
    }

    [Fact]
    public async Task Every_command_with_config_also_takes_c()
    {
        await using var env = await SyncCli.StartAsync(employees: 30);
        var environment = env.Environment();
        environment.Remove("HEADWATER_CONFIG");
        using var cli = new CliHarness(environment);

        Assert.Equal(ExitCodes.Changes, (await cli.Run("plan", "-c", env.ConfigPath)).Exit);
        Assert.Equal(ExitCodes.Ok, (await cli.Run("sync", "-c", env.ConfigPath)).Exit);
        Assert.Equal(ExitCodes.Ok, (await cli.Run("runs", "-c", env.ConfigPath)).Exit);
        Assert.Equal(ExitCodes.Ok, (await cli.Run("runs", "show", "1", "-c", env.ConfigPath)).Exit);
        Assert.Equal(ExitCodes.Ok, (await cli.Run("why", ActiveEmployee(env), "-c", env.ConfigPath)).Exit);
        Assert.Equal(ExitCodes.Ok, (await cli.Run("check", "-c", env.ConfigPath)).Exit);
        Assert.Equal(ExitCodes.Ok, (await cli.Run("workers", "-c", env.ConfigPath)).Exit);
        Assert.Equal(ExitCodes.Ok, (await cli.Run("migrate", "-c", env.ConfigPath)).Exit);
    }

    private static string ActiveEmployee(SyncCli env) =>
        env.Ukg.Tenant.Snapshot().ToArray().First(r => r.StatusCode == "A").EmployeeId;

    /// <summary>Numbers formatted as in the invariant culture for the test's duration.</summary>
    private sealed class InvariantCulture : IDisposable
    {
        private readonly System.Globalization.CultureInfo _before = System.Globalization.CultureInfo.CurrentCulture;

        public InvariantCulture() => System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;

        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = _before;
    }
}
