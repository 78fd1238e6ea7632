using Headwater.Connectors.Ukg;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Simulator;
using Headwater.Simulator.Faults;
using Headwater.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Reading;

/// <summary>
/// A read that fails, or a full read that returns no one, changes nothing and is recorded as failed: an empty
/// answer never means everyone left. Every test runs against SQLite and against PostgreSQL.
/// </summary>
public abstract class WorkerReadFailureTests
{
    protected abstract StateStore CreateStore();

    [Fact]
    public async Task A_read_UKG_fails_is_recorded_as_failed_and_changes_no_stored_worker()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var leaver = WorkerReadTests.PlainWorker(state);
        state.Sim.Tenant.Terminate(leaver.EmployeeId, TestClock.AsOf);
        await state.Read(ReadMode.Full);
        var before = await state.Workers();
        Assert.Equal("TerminationScheduled", before.Single(w => w.Id == leaver.EmployeeId).State);

        // The next day the termination is due, and UKG answers every call with 500.
        state.Clock.Advance(TimeSpan.FromDays(1));
        state.Sim.Faults.Settings = new FaultSettings { ErrorRate = 1.0 };
        var incremental = await Assert.ThrowsAsync<ReadFailedException>(() => state.Read(ReadMode.Incremental));
        var full = await Assert.ThrowsAsync<ReadFailedException>(() => state.Read(ReadMode.Full));

        Assert.IsType<UkgRequestException>(incremental.InnerException);
        Assert.NotNull(full.InnerException);
        var after = await state.Workers();
        Assert.Equal(Snapshot(before), Snapshot(after));
        Assert.DoesNotContain(after, w => w.State == "Terminated" && before.Single(b => b.Id == w.Id).State != "Terminated");
        var runs = await state.Runs();
        Assert.Equal(["Full", "Incremental", "Full"], runs.Select(r => r.Mode));
        Assert.All(runs.Skip(1), run =>
        {
            Assert.False(run.Succeeded);
            Assert.False(string.IsNullOrWhiteSpace(run.Error));
            Assert.NotNull(run.FinishedAt);
            Assert.True(run.UkgCalls > 0);
            Assert.Equal((0, 0), (run.Added, run.Changed));
        });
        Assert.Equal(incremental.Run.Error, runs[1].Error);
        Assert.Contains("500", runs[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_read_that_returns_no_employees_while_workers_are_stored_fails_and_changes_nothing()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        await state.Read(ReadMode.Full);
        var before = await state.Workers();
        state.Clock.Advance(TimeSpan.FromHours(1));
        await using var empty = await UkgSimulator.StartAsync(StateHarness.Tenant(employees: 0), state.Clock);
        await using var services = StateHarness.Build(empty, state.Store.Options, state.Clock);
        await using var scope = services.CreateAsyncScope();

        var failure = await Assert.ThrowsAsync<ReadFailedException>(() => scope.ServiceProvider.GetRequiredService<WorkerRead>().Run(ReadMode.Full));

        Assert.IsType<EmptyReadException>(failure.InnerException);
        Assert.Equal(Snapshot(before), Snapshot(await state.Workers()));
        var run = (await state.Runs()).Last();
        Assert.Equal(("Full", false), (run.Mode, run.Succeeded));
        Assert.Contains("no employees", run.Error, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (run.Workers, run.Added, run.Changed));
    }

    [Fact]
    public async Task A_change_made_before_a_failed_read_is_found_by_the_next_incremental_read()
    {
        await using var state = await StateHarness.StartAsync(CreateStore());
        var worker = WorkerReadTests.PlainWorker(state);
        await state.Read(ReadMode.Full);
        state.Clock.Advance(TimeSpan.FromHours(1));
        state.Sim.Tenant.ChangeEmail(worker.EmployeeId, "quentin.zabriskie@example.com");

        state.Clock.Advance(TimeSpan.FromDays(1));
        state.Sim.Faults.Settings = new FaultSettings { ErrorRate = 1.0 };
        await Assert.ThrowsAsync<ReadFailedException>(() => state.Read(ReadMode.Incremental));
        state.Clock.Advance(TimeSpan.FromDays(1));
        state.Sim.Faults.Settings = FaultSettings.None;
        var result = await state.Read(ReadMode.Incremental);

        Assert.True(result.Run.Succeeded);
        Assert.Equal(["email", "ukg.person.emailAddress"], result.ChangedFields[worker.EmployeeId]);
        Assert.Equal("quentin.zabriskie@example.com", (await state.Worker(worker.EmployeeId)).Email);
    }

    private static List<(string, string, string, string, DateTimeOffset)> Snapshot(IEnumerable<WorkerRecord> workers) =>
        [.. workers.OrderBy(w => w.Id, StringComparer.Ordinal).Select(w => (w.Id, w.ContentHash, w.State, w.Fields, w.LastSeenAt))];
}

public sealed class SqliteWorkerReadFailureTests : WorkerReadFailureTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();
}

public sealed class PostgresWorkerReadFailureTests : WorkerReadFailureTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();
}
