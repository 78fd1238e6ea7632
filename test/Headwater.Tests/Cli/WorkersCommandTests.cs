using System.Text.Json;
using Headwater.Cli;
using Headwater.Data;
using Headwater.Simulator;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Tests.Cli;

/// <summary>
/// <c>headwater workers</c> against the simulator: it reads UKG into the state store and lists, filters and shows
/// the workers as the engine sees them. Every test runs with SQLite and with PostgreSQL (HEADWATER_POSTGRES).
/// </summary>
public abstract class WorkersCommandTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = TestClock.Create();
    private StateStore _store = null!;
    private UkgSimulator _sim = null!;

    protected abstract StateStore CreateStore();

    public async Task InitializeAsync()
    {
        _store = CreateStore();
        await _store.MigrateAsync();
        _sim = await UkgSimulator.StartAsync(StateHarness.Tenant(), _clock);
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        await _store.DisposeAsync();
    }

    private CliHarness Cli() => new(CliHarness.Environment(_sim, _store.Options), _clock);

    private string[] Secrets => [_sim.Options.Password, _sim.Options.CustomerApiKey];

    [Fact]
    public async Task Workers_json_prints_an_array_of_every_stored_worker()
    {
        using var cli = Cli();

        var result = await cli.Run("workers", "--json", "--limit", "0");

        Assert.Equal(ExitCodes.Ok, result.Exit);
        var workers = Workers(result);
        Assert.Equal(await StoredWorkers(), workers.Count);
        var employees = _sim.Tenant.Snapshot().ToArray().Select(r => r.EmployeeId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Assert.Equal(employees, workers.Count);
        Assert.Equal(workers.Count, workers.Select(w => w.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(workers, w =>
        {
            Assert.False(string.IsNullOrEmpty(w.GetProperty("displayName").GetString()));
            Assert.Equal(JsonValueKind.Object, w.GetProperty("fields").ValueKind);
            Assert.Equal(w.GetProperty("id").GetString(), w.GetProperty("fields").GetProperty("id").GetString());
        });
        CliHarness.AssertNoSecrets(cli.AllOutput, Secrets);
    }

    [Fact]
    public async Task Workers_without_json_prints_the_read_and_a_table_of_the_first_fifty()
    {
        using var cli = Cli();

        var result = await cli.Run("workers");

        Assert.Equal(ExitCodes.Ok, result.Exit);
        var total = await StoredWorkers();
        Assert.Contains($"Full read: {total:N0} workers ({total:N0} new, 0 changed", result.Output, StringComparison.Ordinal);
        Assert.Contains($"50 of {total:N0} workers shown.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Employee ID", result.Output, StringComparison.Ordinal);
        CliHarness.AssertNoSecrets(cli.AllOutput, Secrets);
    }

    [Fact]
    public async Task Workers_state_lists_only_the_workers_in_that_state()
    {
        using var cli = Cli();
        var all = Workers(await cli.Run("workers", "--json", "--limit", "0"));

        var result = await cli.Run("workers", "--offline", "--json", "--limit", "0", "--state", "Terminated");

        Assert.Equal(ExitCodes.Ok, result.Exit);
        var terminated = Workers(result);
        Assert.NotEmpty(terminated);
        Assert.All(terminated, w => Assert.Equal("Terminated", w.GetProperty("state").GetString()));
        Assert.Equal(all.Count(w => w.GetProperty("state").GetString() == "Terminated"), terminated.Count);
        Assert.True(terminated.Count < all.Count);
    }

    [Fact]
    public async Task Workers_search_finds_a_worker_by_an_employee_number_with_leading_zeros()
    {
        using var cli = Cli();
        var all = Workers(await cli.Run("workers", "--json", "--limit", "0"));
        var wanted = all.First(w => w.GetProperty("employeeNumber").GetString()!.StartsWith("000", StringComparison.Ordinal));
        var number = wanted.GetProperty("employeeNumber").GetString()!;

        var result = await cli.Run("workers", "--offline", "--json", "--search", number);

        Assert.Equal(ExitCodes.Ok, result.Exit);
        var found = Assert.Single(Workers(result));
        Assert.Equal(wanted.GetProperty("id").GetString(), found.GetProperty("id").GetString());
        Assert.Equal(number, found.GetProperty("employeeNumber").GetString());
    }

    [Fact]
    public async Task Workers_search_matches_a_name_whatever_its_case()
    {
        using var cli = Cli();
        var all = Workers(await cli.Run("workers", "--json", "--limit", "0"));
        var wanted = all.First(w => w.GetProperty("fields").GetProperty("lastName").GetString() is { Length: > 3 } last && last.All(char.IsAsciiLetter));
        var lastName = wanted.GetProperty("fields").GetProperty("lastName").GetString()!;

        var upper = Workers(await cli.Run("workers", "--offline", "--json", "--limit", "0", "--search", lastName.ToUpperInvariant()));
        var lower = Workers(await cli.Run("workers", "--offline", "--json", "--limit", "0", "--search", lastName.ToLowerInvariant()));

        Assert.Contains(upper, w => w.GetProperty("id").GetString() == wanted.GetProperty("id").GetString());
        Assert.Equal(upper.Select(w => w.GetProperty("id").GetString()), lower.Select(w => w.GetProperty("id").GetString()));
        Assert.All(upper, w => Assert.Contains(lastName, w.GetProperty("displayName").GetString() + " " + w.GetProperty("email").GetString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Workers_show_prints_the_fields_and_issues_of_one_worker_found_by_ID_or_employee_number_in_any_case()
    {
        using var cli = Cli();
        var all = Workers(await cli.Run("workers", "--json", "--limit", "0"));
        var worker = all.First(w => w.GetProperty("issues").GetArrayLength() > 0);
        var id = worker.GetProperty("id").GetString()!;
        var number = worker.GetProperty("employeeNumber").GetString()!;

        var byId = await cli.Run("workers", "show", id);
        var byNumber = await cli.Run("workers", "show", number);
        var inLowerCase = await cli.Run("workers", "show", id.ToLowerInvariant());

        Assert.Equal(ExitCodes.Ok, byId.Exit);
        Assert.Equal(byId, byNumber);
        Assert.Equal(byId, inLowerCase);
        var lines = byId.Output.Split('\n');
        Assert.StartsWith($"{worker.GetProperty("displayName").GetString()} ({id}, #{number}): {worker.GetProperty("state").GetString()}", lines[0], StringComparison.Ordinal);
        foreach (var field in worker.GetProperty("fields").EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.String))
        {
            Assert.Contains(lines, line => line.Contains($" {field.Name} ", StringComparison.Ordinal) && line.Contains(field.Value.GetString()!, StringComparison.Ordinal));
        }
        foreach (var issue in worker.GetProperty("issues").EnumerateArray())
        {
            Assert.Contains($"{issue.GetProperty("code").GetString()}: {issue.GetProperty("message").GetString()}", byId.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Workers_show_of_an_unknown_ID_exits_6()
    {
        using var cli = Cli();
        Assert.Equal(ExitCodes.Ok, (await cli.Run("workers", "--json", "--limit", "1")).Exit);

        var result = await cli.Run("workers", "show", "NO-SUCH-WORKER");

        Assert.Equal(ExitCodes.NotFound, result.Exit);
        Assert.Contains("No worker 'NO-SUCH-WORKER' has been read.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workers_against_a_tenant_that_returns_no_one_exits_5_and_keeps_every_stored_worker_as_it_was()
    {
        using var cli = Cli();
        var before = States(Workers(await cli.Run("workers", "--json", "--limit", "0")));
        await using var empty = await UkgSimulator.StartAsync(StateHarness.Tenant(employees: 0), _clock);
        using var emptyCli = new CliHarness(CliHarness.Environment(empty, _store.Options), _clock);

        var result = await emptyCli.Run("workers", "--full");

        Assert.Equal(ExitCodes.ReadFailed, result.Exit);
        Assert.Contains("UKG returned no employees", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, States(Workers(await emptyCli.Run("workers", "--offline", "--json", "--limit", "0"))));
    }

    private static Dictionary<string, string?> States(List<JsonElement> workers) =>
        workers.ToDictionary(w => w.GetProperty("id").GetString()!, w => w.GetProperty("state").GetString());

    private static List<JsonElement> Workers(CliResult result)
    {
        Assert.True(result.Exit == ExitCodes.Ok, $"Exit {result.Exit}: {result.Output}");
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return [.. document.RootElement.Clone().EnumerateArray()];
    }

    private async Task<int> StoredWorkers()
    {
        await using var services = new ServiceCollection().AddHeadwaterData(_store.Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HeadwaterDb>().Workers.CountAsync();
    }
}

public sealed class SqliteWorkersCommandTests : WorkersCommandTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();
}

public sealed class PostgresWorkersCommandTests : WorkersCommandTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();
}
