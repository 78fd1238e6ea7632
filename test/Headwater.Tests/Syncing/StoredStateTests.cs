using Headwater.Data;
using Headwater.Syncing;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Syncing;

/// <summary>The current workers, whom a plan and the Policy page start from: those the latest full read or a later read
/// returned, by the read's id; by the time last seen for workers stored before reads recorded it; on both providers.</summary>
public abstract class StoredStateTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    protected abstract StateStore CreateStore();

    [Fact]
    public async Task The_current_workers_are_everyone_before_a_full_read_then_those_it_or_a_later_read_returned()
    {
        await using var store = CreateStore();
        await using var services = await store.DataServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        db.IntegrationId = 3;
        db.ReadRuns.Add(new ReadRun { Mode = "Incremental", StartedAt = Start, Succeeded = true });
        await db.SaveChangesAsync();
        db.Workers.AddRange(Worker("E1", 1, Start), Worker("E2", 1, Start), Worker("E3", 1, Start));
        await db.SaveChangesAsync();
        Assert.Equal(["E1", "E2", "E3"], await CurrentAsync(db));

        db.ReadRuns.Add(new ReadRun { Mode = "Full", StartedAt = Start.AddHours(1), Succeeded = true });
        db.ReadRuns.Add(new ReadRun { Mode = "Full", StartedAt = Start.AddHours(2), Succeeded = false });
        db.ReadRuns.Add(new ReadRun { Mode = "Incremental", StartedAt = Start.AddHours(3), Succeeded = true });
        await db.SaveChangesAsync();
        await db.Workers.Where(w => w.Id == "E1").ExecuteUpdateAsync(s => s.SetProperty(w => w.SeenInRead, 2));
        await db.Workers.Where(w => w.Id == "E3").ExecuteUpdateAsync(s => s.SetProperty(w => w.SeenInRead, 4));

        // E2 was not returned by the full read (2), nor by a later one: left out. The failed read (3) counts for nothing.
        Assert.Equal(["E1", "E3"], await CurrentAsync(db));
        var workers = await StoredState.Workers(db, CancellationToken.None);
        Assert.Equal(["E1", "E3"], workers.Select(w => w.Id).Order(StringComparer.Ordinal));
        Assert.All(workers, w => Assert.Equal(("Zoë", "Ng 🚀"), (w.FirstName, w.LastName)));
        Assert.Equal(["E3"], (await StoredState.Workers(db, CancellationToken.None, ["E2", "E3"])).Select(w => w.Id));
        db.IntegrationId = 4;
        Assert.Empty(await CurrentAsync(db));
        Assert.Empty(await StoredState.Workers(db, CancellationToken.None));
    }

    [Fact]
    public async Task Workers_stored_before_reads_recorded_their_id_are_current_when_last_seen_since_the_latest_full_read()
    {
        await using var store = CreateStore();
        await using var services = await store.DataServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        db.ReadRuns.Add(new ReadRun { Mode = "Full", StartedAt = Start, Succeeded = true });
        db.Workers.AddRange(Worker("E1", 0, Start.AddMinutes(5)), Worker("E2", 0, Start.AddDays(-1)), Worker("E3", 0, Start));
        await db.SaveChangesAsync();

        Assert.Equal(["E1", "E3"], await CurrentAsync(db));
    }

    private static async Task<List<string>> CurrentAsync(HeadwaterDb db) =>
        [.. (await (await StoredState.CurrentWorkers(db, CancellationToken.None)).Select(w => w.Id).ToListAsync()).Order(StringComparer.Ordinal)];

    private static WorkerRecord Worker(string id, int seenInRead, DateTimeOffset lastSeen) => new()
    {
        Id = id, EmployeeNumber = id, DisplayName = id, State = "Active", ContentHash = id,
        Fields = $$"""{"id":"{{id}}","firstName":"Zoë","lastName":"Ng \ud83d\ude80"}""",
        Source = "{}", Issues = "[]", SeenInRead = seenInRead, FirstSeenAt = lastSeen, ChangedAt = lastSeen, LastSeenAt = lastSeen,
    };
}

public sealed class SqliteStoredStateTests : StoredStateTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();
}

public sealed class PostgresStoredStateTests : StoredStateTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();
}
