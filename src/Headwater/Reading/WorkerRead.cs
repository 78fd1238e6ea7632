using System.Text.Json;
using Headwater.Connectors.Ukg;
using Headwater.Core.Workers;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Reading;

public enum ReadMode { Auto, Full, Incremental }

/// <summary>When a read is full rather than incremental.</summary>
public sealed record ReadPolicy
{
    /// <summary>A full reconciliation at least this often catches what dateTimeChanged misses (deleted rows,
    /// changes to reference data, clock skew).</summary>
    public TimeSpan FullReadEvery { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How far before the previous read's start an incremental read looks again, for clock skew.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(30);

    public ReadOptions Options { get; init; } = new();
}

/// <summary>The outcome of a read: the run's record and the workers it re-derived (all of them on a full read).</summary>
public sealed record ReadResult(ReadRun Run, IReadOnlyList<Worker> Workers, IReadOnlyDictionary<string, IReadOnlyList<string>> ChangedFields);

/// <summary>
/// Reads workers from UKG and brings the stored state up to date. A full read fetches everything; an incremental
/// read fetches rows changed since the previous read (less an overlap), merges them with the stored rows, and also
/// re-derives workers whose lifecycle changes by date today (a start, the day after a termination). A read that
/// fails, or a full read that returns no one while workers are stored, changes nothing and is recorded as failed:
/// an empty answer never means everyone left.
/// </summary>
public sealed class WorkerRead(UkgReader reader, HeadwaterDb db, TimeProvider time, ReadPolicy policy)
{
    private const int SaveBatch = 2_000;

    public async Task<ReadResult> Run(ReadMode mode, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await db.PrepareAsync(cancellationToken);
        var zone = reader.Client.Connection.Zone;
        var startedUtc = time.GetUtcNow();
        // A wall-clock time in the tenant's zone, never UTC-kind (as converting to the UTC zone gives): PostgreSQL keeps it
        // as a timestamp without time zone and refuses a UTC value there.
        var tenantNow = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(startedUtc.UtcDateTime, zone), DateTimeKind.Unspecified);
        var previous = await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var lastFull = await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded && r.Mode == "Full").OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var full = mode == ReadMode.Full || previous?.TenantStartedAt is null || lastFull is null
            || (mode == ReadMode.Auto && startedUtc - lastFull.StartedAt >= policy.FullReadEvery);
        var run = new ReadRun { Mode = full ? "Full" : "Incremental", StartedAt = startedUtc, TenantStartedAt = tenantNow };
        db.ReadRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var callsBefore = reader.Client.Calls;
        try
        {
            var today = DateOnly.FromDateTime(tenantNow);
            var result = full
                ? await Full(run, zone, today, progress, cancellationToken)
                : await Incremental(run, previous!.TenantStartedAt!.Value - policy.Overlap, zone, today, cancellationToken);
            run.Succeeded = true;
            return result;
        }
        catch (Exception e) when (e is UkgRequestException or UkgPagingException or HttpRequestException or TimeoutException or TaskCanceledException or EmptyReadException
            or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            run.Error = e.Message;
            throw new ReadFailedException(run, e);
        }
        finally
        {
            run.FinishedAt = time.GetUtcNow();
            run.UkgCalls = reader.Client.Calls - callsBefore;
            db.ChangeTracker.Clear();
            db.ReadRuns.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private async Task<ReadResult> Full(ReadRun run, TimeZoneInfo zone, DateOnly today, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var snapshot = await reader.ReadAll(policy.Options, progress, cancellationToken);
        var stored = await db.Workers.CountAsync(cancellationToken);
        if (snapshot.Employments.Count == 0 && stored > 0)
        {
            throw new EmptyReadException($"UKG returned no employees while {stored} are stored; the read is treated as failed, not as everyone leaving.");
        }
        var (sources, unkeyed) = WorkerSource.FromSnapshot(snapshot);
        progress?.Report($"joining {sources.Count:N0} worker{(sources.Count == 1 ? "" : "s")}");
        var workers = new WorkerJoin(snapshot.Reference, zone, today).JoinAll(sources);
        var changed = await Save(run, workers, sources, cancellationToken);
        run.Missing = Math.Max(0, await db.Workers.CountAsync(cancellationToken) - workers.Count); // ids are distinct: grouped by employee ID
        run.Error = unkeyed > 0 ? $"{unkeyed} employment row(s) had no employeeID and were skipped." : null;
        return new ReadResult(run, workers, changed);
    }

    private async Task<ReadResult> Incremental(ReadRun run, DateTime sinceLocal, TimeZoneInfo zone, DateOnly today, CancellationToken cancellationToken)
    {
        var snapshot = await reader.ReadChanged(sinceLocal, policy.Options, cancellationToken);
        var changedIds = snapshot.Employments.Select(e => e.EmployeeId).Concat(snapshot.People.Select(p => p.EmployeeId))
            .Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var due = await db.Workers.AsNoTracking().Where(w => w.ReviewOn != null && w.ReviewOn <= today).Select(w => w.Id).ToListAsync(cancellationToken);
        var ids = changedIds.Union(due, StringComparer.OrdinalIgnoreCase).ToList();
        var storedSources = new Dictionary<string, WorkerSource>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var record in await db.Workers.AsNoTracking().Where(w => chunk.Contains(w.Id)).Select(w => new { w.Id, w.Source }).ToListAsync(cancellationToken))
            {
                storedSources[record.Id] = JsonSerializer.Deserialize(record.Source, WorkerSourceJsonContext.Default.WorkerSource)!;
            }
        }
        var fresh = WorkerSource.FromSnapshot(snapshot with { Supervisors = [], Roles = [] }).Sources
            .ToDictionary(s => s.EmployeeId, StringComparer.OrdinalIgnoreCase);
        var sources = new List<WorkerSource>();
        foreach (var id in ids)
        {
            var changedPeople = snapshot.People.Where(p => string.Equals(p.EmployeeId?.Trim(), id, StringComparison.OrdinalIgnoreCase)).ToList();
            var update = fresh.GetValueOrDefault(id) ?? new WorkerSource(id, [], changedPeople, []);
            if (storedSources.TryGetValue(id, out var stored))
            {
                sources.Add(stored.Merge(update with { People = changedPeople }));
            }
            else if (update.Employments.Count > 0)
            {
                sources.Add(update);
            }
        }
        var directory = (await db.Workers.AsNoTracking().Select(w => new { w.Id, w.ManagerId, w.Email }).ToListAsync(cancellationToken))
            .ToDictionary(w => w.Id, w => new DirectoryEntry(w.ManagerId, w.Email), StringComparer.OrdinalIgnoreCase);
        var workers = new WorkerJoin(snapshot.Reference, zone, today).JoinAll(sources, directory);
        var changed = await Save(run, workers, sources, cancellationToken);
        return new ReadResult(run, workers, changed);
    }

    /// <summary>Compares each worker's hash with the stored one and writes only the new and the changed; the
    /// unchanged get their "last seen" moved in one statement per batch. <paramref name="sources"/> are in the
    /// workers' order, as the join returns them.</summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>> Save(ReadRun run, List<Worker> workers, List<WorkerSource> sources, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changedFields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var start = 0; start < workers.Count; start += SaveBatch)
        {
            var batch = workers.GetRange(start, Math.Min(SaveBatch, workers.Count - start));
            var ids = batch.Select(w => w.Id).ToList();
            var storedHashes = await db.Workers.AsNoTracking().Where(w => ids.Contains(w.Id))
                .Select(w => new { w.Id, w.ContentHash, w.Fields, w.FirstSeenAt })
                .ToDictionaryAsync(w => w.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
            var unchanged = new List<string>();
            for (var i = 0; i < batch.Count; i++)
            {
                var worker = batch[i];
                var fields = WorkerAttributes.Of(worker);
                var hash = WorkerFields.Hash(fields, worker.Issues);
                run.WithIssues += worker.Issues.Count > 0 ? 1 : 0;
                storedHashes.TryGetValue(worker.Id, out var stored);
                if (stored?.ContentHash == hash)
                {
                    unchanged.Add(worker.Id);
                    continue;
                }
                var record = Record(worker, fields, hash, sources[start + i], now);
                record.ChangedInRead = run.Id;
                record.SeenInRead = run.Id;
                if (stored is null)
                {
                    db.Workers.Add(record);
                    run.Added++;
                }
                else
                {
                    var before = StoredFields.Decode(stored.Fields);
                    var differences = WorkerFields.Differences(before, fields) is { Count: > 0 } d ? d : ["issues"];
                    changedFields[worker.Id] = differences;
                    record.ChangedFields = string.Join(",", differences);
                    record.FirstSeenAt = stored.FirstSeenAt;
                    db.Workers.Update(record);
                    run.Changed++;
                }
            }
            await ReplaceSearchTermsAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (unchanged.Count > 0)
            {
                run.Unchanged += unchanged.Count;
                await db.Workers.Where(w => unchanged.Contains(w.Id))
                    .ExecuteUpdateAsync(set => set.SetProperty(w => w.LastSeenAt, now).SetProperty(w => w.SeenInRead, run.Id), cancellationToken);
            }
        }
        run.Workers = workers.Count;
        return changedFields;
    }

    /// <summary>Gives the workers the context is adding or changing their search terms in place of their old ones (saved
    /// with them).</summary>
    internal static async Task ReplaceSearchTermsAsync(HeadwaterDb db, CancellationToken cancellationToken)
    {
        var written = db.ChangeTracker.Entries<WorkerRecord>().Select(e => e.Entity).ToList();
        var changed = written.Select(w => w.Id).ToList();
        if (changed.Count == 0)
        {
            return;
        }
        await db.WorkerSearchTerms.Where(t => changed.Contains(t.WorkerId)).ExecuteDeleteAsync(cancellationToken);
        db.WorkerSearchTerms.AddRange(written.SelectMany(WorkerSearchTerm.Of));
    }

    /// <summary>The stored form of a worker: its attributes without the empty ones, its source and issues as JSON.</summary>
    internal static WorkerRecord Record(Worker worker, SortedDictionary<string, string?> fields, string hash, WorkerSource source, DateTimeOffset now)
    {
        var present = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (value is not null)
            {
                present[key] = value;
            }
        }
        return new WorkerRecord
        {
            Id = worker.Id,
            EmployeeNumber = worker.EmployeeNumber,
            DisplayName = worker.DisplayName,
            Email = worker.Email,
            ManagerId = worker.ManagerId,
            State = worker.Lifecycle.State.ToString(),
            ReviewOn = WorkerFields.ReviewOn(worker),
            ContentHash = hash,
            Fields = JsonSerializer.Serialize(present, ReadingJson.Default.SortedDictionaryStringString),
            Source = JsonSerializer.Serialize(source, WorkerSourceJsonContext.Default.WorkerSource),
            Issues = JsonSerializer.Serialize([.. worker.Issues], ReadingJson.Default.ListWorkerIssue),
            IssueCount = worker.Issues.Count,
            FirstSeenAt = now,
            ChangedAt = now,
            LastSeenAt = now,
        };
    }
}

/// <summary>Why a UKG read could not be completed.</summary>
public enum ReadFailure { Credentials, Permission, Unreachable, Failed }

/// <summary>A read that could not be completed; nothing was changed on its account.</summary>
public sealed class ReadFailedException(ReadRun run, Exception inner) : Exception($"The UKG read failed: {inner.Message}", inner)
{
    public ReadRun Run { get; } = run;

    public ReadFailure Failure { get; } = inner switch
    {
        UkgRequestException { Status: System.Net.HttpStatusCode.Unauthorized } => ReadFailure.Credentials,
        UkgRequestException { Status: System.Net.HttpStatusCode.Forbidden } => ReadFailure.Permission,
        // An open circuit follows repeated failures of either kind (errors or no answer), so it is not taken for unreachable.
        HttpRequestException or TimeoutException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException => ReadFailure.Unreachable,
        _ => ReadFailure.Failed,
    };
}

public sealed class EmptyReadException(string message) : Exception(message);
