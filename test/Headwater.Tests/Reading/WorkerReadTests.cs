using Headwater.Connectors.Ukg;
using Headwater.Reading;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Support;

namespace Headwater.Tests.Reading;

/// <summary>
/// Reads from the simulated tenant into the state store: full, then incremental, telling exactly which workers
/// changed and which of their fields. Every test runs against SQLite and against PostgreSQL.
/// </summary>
public abstract class WorkerReadTests
{
    protected abstract StateStore CreateStore();

    [Fact]
    public async Task The_first_read_is_full_and_stores_every_worker_in_the_tenant()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());

        var result = await state.Read(ReadMode.Auto);

        var employees = state.EmployeesInTenant();
        Assert.Equal("Full", result.Run.Mode);
        Assert.True(result.Run.Succeeded);
        Assert.Equal(employees, result.Run.Workers);
        Assert.Equal(employees, result.Run.Added);
        Assert.Equal(0, result.Run.Changed);
        var stored = await state.Workers();
        Assert.Equal(employees, stored.Count);
        Assert.All(stored, w => Assert.Matches("^[0-9a-f]{64}$", w.ContentHash));
        var ids = state.Sim.Tenant.Snapshot().ToArray().Select(r => r.EmployeeId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(stored, w => Assert.Contains(w.Id, ids));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("Pacific/Pago_Pago")]
    public async Task A_tenant_in_UTC_or_far_from_it_is_read_in_full_and_then_incrementally(string zone)
    {
        await using var state = await StateHarness.StartAsync(CreateStore(), StateHarness.Tenant(60) with { TimeZone = zone });

        var full = await state.Read(ReadMode.Auto);
        state.Clock.Advance(TimeSpan.FromHours(1));
        var incremental = await state.Read(ReadMode.Auto);

        Assert.Equal(("Full", true), (full.Run.Mode, full.Run.Succeeded));
        Assert.Equal(("Incremental", true), (incremental.Run.Mode, incremental.Run.Succeeded));
        Assert.Equal(0, incremental.Run.Changed);
    }

    [Fact]
    public async Task The_second_read_is_incremental_makes_far_fewer_UKG_calls_and_finds_no_change_when_nothing_changed()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var smallPages = new ReadPolicy { Options = new ReadOptions(PageSize: 20) };
        var full = await state.Read(ReadMode.Auto, smallPages);
        var hashes = (await state.Workers()).ToDictionary(w => w.Id, w => w.ContentHash);
        state.Clock.Advance(TimeSpan.FromHours(1));

        var incremental = await state.Read(ReadMode.Auto, smallPages);

        Assert.Equal("Incremental", incremental.Run.Mode);
        Assert.True(incremental.Run.Succeeded);
        Assert.True(incremental.Run.UkgCalls * 3 < full.Run.UkgCalls,
            $"The incremental read made {incremental.Run.UkgCalls} UKG calls; the full read {full.Run.UkgCalls}.");
        Assert.True(incremental.Run.Workers < full.Run.Workers);
        Assert.Equal(0, incremental.Run.Changed);
        Assert.Equal(0, incremental.Run.Added);
        Assert.Empty(incremental.ChangedFields);
        Assert.Equal(hashes, (await state.Workers()).ToDictionary(w => w.Id, w => w.ContentHash));
    }

    [Fact]
    public async Task A_rename_is_reported_as_a_change_of_exactly_that_worker_and_its_name_fields()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var worker = PlainWorker(state);
        await state.Read(ReadMode.Full);
        state.Clock.Advance(TimeSpan.FromHours(1));

        state.Sim.Tenant.Rename(worker.EmployeeId, "Quentin", "Zabriskie");
        var result = await state.Read(ReadMode.Auto);

        string[] expected = ["displayName", "firstName", "lastName", "ukg.person.firstName", "ukg.person.lastName"];
        await AssertOnlyChange(state, result, worker.EmployeeId, expected);
        var stored = await state.Worker(worker.EmployeeId);
        Assert.Equal("Quentin Zabriskie", stored.DisplayName);
    }

    [Fact]
    public async Task An_email_change_is_reported_as_a_change_of_exactly_that_worker_and_its_email_fields()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var worker = PlainWorker(state);
        await state.Read(ReadMode.Full);
        state.Clock.Advance(TimeSpan.FromHours(1));

        state.Sim.Tenant.ChangeEmail(worker.EmployeeId, "quentin.zabriskie@example.com");
        var result = await state.Read(ReadMode.Auto);

        await AssertOnlyChange(state, result, worker.EmployeeId, ["email", "ukg.person.emailAddress"]);
        Assert.Equal("quentin.zabriskie@example.com", (await state.Worker(worker.EmployeeId)).Email);
    }

    [Fact]
    public async Task A_transfer_to_another_location_is_reported_as_a_change_of_exactly_the_location_fields()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var worker = PlainWorker(state);
        var current = state.Sim.Tenant.Locations.Single(l => l.LocationCode == worker.LocationCode);
        var target = state.Sim.Tenant.Locations.First(l => l.LocationCode != current.LocationCode && l.Description != current.Description);
        await state.Read(ReadMode.Full);
        state.Clock.Advance(TimeSpan.FromHours(1));

        state.Sim.Tenant.Transfer(worker.EmployeeId, new Transfer(LocationCode: target.LocationCode));
        var result = await state.Read(ReadMode.Auto);

        await AssertOnlyChange(state, result, worker.EmployeeId, ["primary.locationCode", "primary.locationName", "ukg.employment.primaryWorkLocationCode"]);
    }

    [Fact]
    public async Task A_new_hire_is_added_by_an_incremental_read()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var before = (await state.Read(ReadMode.Full)).Run.Workers;
        state.Clock.Advance(TimeSpan.FromHours(1));

        var hire = state.Sim.Tenant.Hire(new NewHire("Ada", "Lovelace", "ada.lovelace@example.com"));
        var result = await state.Read(ReadMode.Auto);

        Assert.Equal("Incremental", result.Run.Mode);
        Assert.Equal(1, result.Run.Added);
        Assert.Equal(0, result.Run.Changed);
        Assert.Contains(result.Workers, w => w.Id == hire.EmployeeId);
        var stored = await state.Worker(hire.EmployeeId);
        Assert.Equal("Ada Lovelace", stored.DisplayName);
        Assert.Equal("Active", stored.State);
        Assert.Equal(hire.EmployeeNumber, stored.EmployeeNumber);
        Assert.Equal(TestClock.Start.AddHours(1), stored.FirstSeenAt);
        Assert.Equal(before + 1, (await state.Workers()).Count);
        Assert.Equal(state.EmployeesInTenant(), (await state.Workers()).Count);
    }

    [Fact]
    public async Task A_future_termination_is_scheduled_and_becomes_terminated_after_its_day()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var worker = PlainWorker(state);
        var lastDay = TestClock.AsOf.AddDays(2);
        await state.Read(ReadMode.Full);
        state.Clock.Advance(TimeSpan.FromHours(1));

        state.Sim.Tenant.Terminate(worker.EmployeeId, lastDay);
        var scheduled = await state.Read(ReadMode.Auto);

        Assert.Equal("Incremental", scheduled.Run.Mode);
        Assert.Equal(
            ["lifecycle.reason", "lifecycle.state", "lifecycle.until", "primary.terminationDate", "primary.terminationReason",
                "ukg.employment.dateOfTermination", "ukg.employment.termReason"],
            scheduled.ChangedFields[worker.EmployeeId]);
        var stored = await state.Worker(worker.EmployeeId);
        Assert.Equal("TerminationScheduled", stored.State);
        Assert.Equal(lastDay.AddDays(1), stored.ReviewOn);

        state.Clock.SetUtcNow(TestClock.TenantTime(lastDay.AddDays(1), new TimeOnly(8, 0)));
        var ended = await state.Read(ReadMode.Incremental);

        Assert.Equal("Incremental", ended.Run.Mode);
        Assert.Equal("Terminated", (await state.Worker(worker.EmployeeId)).State);
        Assert.Contains("lifecycle.state", ended.ChangedFields[worker.EmployeeId]);
    }

    [Fact]
    public async Task A_scheduled_termination_becomes_terminated_once_its_day_has_passed_even_without_any_change_in_UKG()
    {
        var ukgClock = TestClock.Create();
        await using var state = await StateHarness.StartAsync(CreateStore(), ukgClock: ukgClock);
        var worker = PlainWorker(state);
        var lastDay = TestClock.AsOf.AddDays(2);
        state.Sim.Tenant.Terminate(worker.EmployeeId, lastDay);
        state.Clock.Advance(TimeSpan.FromDays(1));
        ukgClock.Advance(TimeSpan.FromDays(1));
        await state.Read(ReadMode.Full);
        var scheduled = await state.Worker(worker.EmployeeId);
        Assert.Equal("TerminationScheduled", scheduled.State);
        Assert.Equal(lastDay.AddDays(1), scheduled.ReviewOn);

        // Headwater's day moves past the last day; UKG's does not, so UKG changes nothing about this worker.
        state.Clock.SetUtcNow(TestClock.TenantTime(lastDay.AddDays(1), new TimeOnly(8, 0)));
        var result = await state.Read(ReadMode.Incremental);

        Assert.Equal("A", state.Sim.Tenant.HomeRowOf(worker.EmployeeId)!.StatusCode);
        Assert.True(state.Sim.Tenant.HomeRowOf(worker.EmployeeId)!.DateTimeChanged < TestClock.AsOf.AddDays(1).ToDateTime(TimeOnly.MinValue));
        Assert.Equal("Incremental", result.Run.Mode);
        var ended = await state.Worker(worker.EmployeeId);
        Assert.Equal("Terminated", ended.State);
        Assert.Null(ended.ReviewOn);
        var changed = result.ChangedFields[worker.EmployeeId];
        Assert.Contains("lifecycle.state", changed);
        Assert.DoesNotContain(changed, f => f.StartsWith("ukg.", StringComparison.Ordinal));
        Assert.NotEqual(scheduled.ContentHash, ended.ContentHash);
    }

    [Fact]
    public async Task Full_mode_forces_a_full_read_that_finds_every_worker_unchanged()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var first = await state.Read(ReadMode.Full);
        state.Clock.Advance(TimeSpan.FromHours(1));

        var second = await state.Read(ReadMode.Full);

        Assert.Equal("Full", second.Run.Mode);
        Assert.Equal(first.Run.Workers, second.Run.Workers);
        Assert.Equal(first.Run.Workers, second.Run.Unchanged);
        Assert.Equal(0, second.Run.Added);
        Assert.Equal(0, second.Run.Changed);
        Assert.Equal(0, second.Run.Missing);
        Assert.Equal(first.Run.UkgCalls, second.Run.UkgCalls);
    }

    [Fact]
    public async Task Auto_reads_in_full_again_once_the_last_full_read_is_a_day_old()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        await state.Read(ReadMode.Auto);
        state.Clock.Advance(TimeSpan.FromHours(23));
        var incremental = await state.Read(ReadMode.Auto);
        state.Clock.Advance(TimeSpan.FromHours(1));

        var full = await state.Read(ReadMode.Auto);

        Assert.Equal("Incremental", incremental.Run.Mode);
        Assert.Equal("Full", full.Run.Mode);
    }

    [Fact]
    public async Task Every_read_is_recorded_with_its_mode_counts_UKG_calls_and_outcome()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var worker = PlainWorker(state);
        var full = await state.Read(ReadMode.Full);
        state.Clock.Advance(TimeSpan.FromHours(1));
        state.Sim.Tenant.Rename(worker.EmployeeId, "Quentin", "Zabriskie");
        var incremental = await state.Read(ReadMode.Auto);

        var runs = await state.Runs();

        Assert.Equal(2, runs.Count);
        var (first, second) = (runs[0], runs[1]);
        Assert.Equal(("Full", true, null), (first.Mode, first.Succeeded, first.Error));
        Assert.Equal(TestClock.Start, first.StartedAt);
        Assert.Equal(TestClock.Start, first.FinishedAt);
        Assert.Equal(new DateTime(2026, 11, 23, 10, 0, 0), first.TenantStartedAt);
        Assert.Equal((full.Run.Workers, full.Run.Workers, 0, 0), (first.Workers, first.Added, first.Changed, first.Unchanged));
        Assert.Equal(full.Run.UkgCalls, first.UkgCalls);
        Assert.True(first.UkgCalls > 0);
        Assert.True(first.WithIssues > 0, "The generated tenant has workers with data problems.");
        Assert.Equal(("Incremental", true, null), (second.Mode, second.Succeeded, second.Error));
        Assert.Equal(TestClock.Start.AddHours(1), second.StartedAt);
        Assert.Equal((0, 1), (second.Added, second.Changed));
        Assert.Equal(incremental.Run.Workers, second.Workers);
        Assert.Equal(second.Workers - 1, second.Unchanged);
        Assert.Equal(incremental.Run.UkgCalls, second.UkgCalls);
        Assert.True(second.UkgCalls > 0);
    }

    /// <summary>The result names only <paramref name="id"/> as changed, with exactly these fields, and the store agrees.</summary>
    private static async Task AssertOnlyChange(StateHarness state, ReadResult result, string id, string[] fields)
    {
        Assert.Equal("Incremental", result.Run.Mode);
        Assert.Equal(1, result.Run.Changed);
        Assert.Equal(0, result.Run.Added);
        var change = Assert.Single(result.ChangedFields);
        Assert.Equal(id, change.Key);
        Assert.Equal(fields, change.Value);
        var stored = await state.Worker(id);
        Assert.Equal(string.Join(",", fields), stored.ChangedFields);
        Assert.Equal(TestClock.Start.AddHours(1), stored.ChangedAt);
        Assert.Equal(TestClock.Start, stored.FirstSeenAt);
    }

    /// <summary>An active worker in one company only, with no preferred name, an email, no end date and no reports,
    /// so an HR event changes exactly the fields it is about.</summary>
    internal static EmployeeRow PlainWorker(StateHarness state)
    {
        var rows = state.Sim.Tenant.Snapshot().ToArray();
        var companies = rows.GroupBy(r => r.EmployeeId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var supervisors = rows.Select(r => r.SupervisorId).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return rows.First(r => companies[r.EmployeeId] == 1 && r.StatusCode == EmployeeStatus.Active && r.DateOfTermination is null
            && r.PreferredName is null && r.EmailAddress is not null && !supervisors.Contains(r.EmployeeId) && r.LastHireDate <= TestClock.AsOf);
    }
}

public sealed class SqliteWorkerReadTests : WorkerReadTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();
}

public sealed class PostgresWorkerReadTests : WorkerReadTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();
}
