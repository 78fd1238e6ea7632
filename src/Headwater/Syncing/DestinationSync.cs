using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Headwater.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Headwater.Syncing;

/// <summary>How a plan or sync of one destination ended, with the plan and what failed.</summary>
public sealed record SyncOutcome(SyncRun Run, Plan Plan, IReadOnlyList<string> Breaches, IReadOnlyList<ChangeRecord> FailedChanges,
    GroupSummary? Groups = null, Recovery? Recovered = null)
{
    /// <summary>What went wrong, by cause: a safety limit that stopped the run, each refused record, each group.</summary>
    public IEnumerable<SyncFailure> Failures()
    {
        if (Run.Status == SyncRunStatus.Blocked)
        {
            yield return new SyncFailure(FailureCause.SafetyLimit, string.Join(" ", Breaches), Run.Destination);
        }
        foreach (var change in FailedChanges)
        {
            yield return new SyncFailure(FailureCause.DestinationRefused, change.Error ?? "failed", Run.Destination, change.WorkerId);
        }
        foreach (var error in Groups?.Errors ?? [])
        {
            yield return new SyncFailure(FailureCause.DestinationRefused, error, Run.Destination);
        }
    }
}

/// <summary>
/// One destination's sync: from the stored workers and the accounts Headwater knows there, a plan; over a safety limit
/// it stops before any change until approved; otherwise it applies the plan, records every change and its outcome
/// against the worker, and keeps groups in step. Every change is recorded as planned before it is applied (the first
/// few hundred before any, the rest while the first are applied), so a run that is killed midway is recovered by the
/// next: its creates are looked up in the destination and recorded, and the new plan holds exactly what is still to
/// do. A sync holds <see cref="DestinationLock"/> for the destination while it runs, so two never apply at once.
/// </summary>
public sealed partial class DestinationSync(HeadwaterDb db, TimeProvider time, DestinationSettings settings, IDestination destination, TimeZoneInfo zone,
    ILogger logger)
{
    private const int SaveEvery = 200;
    private readonly AccountLedger _ledger = new(settings.Name, settings.Policy);

    private IAccountReader? Reader => destination as IAccountReader;

    public async Task<SyncOutcome> Run(SyncRequest options, int? readRunId = null, IProgress<SyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        await db.PrepareAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var held = options.Apply ? await DestinationLock.Acquire(db, settings.Name, cancellationToken) : null;
        var recovered = options.Apply ? await Recover(cancellationToken) : null;
        var now = time.GetUtcNow();
        var basis = await PlanBasis.Load(db, settings, options, destination is IRunReceiver, Today, now, cancellationToken);
        var (workers, records) = (basis.Workers, basis.Accounts);
        if (Reader is not null && (records.Count == 0 || options.Reconcile) && !options.DeactivateAll)
        {
            try
            {
                records = await ReadDestination(records, options.Apply, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                db.SyncRuns.Add(new SyncRun
                {
                    Destination = settings.Name, StartedAt = now, FinishedAt = time.GetUtcNow(), ReadRunId = readRunId, Workers = basis.Seen,
                    IntegrationRunId = options.PartOf, Status = SyncRunStatus.Failed, Error = $"Reading the destination's accounts failed, so nothing was planned: {e.Message}",
                });
                await db.SaveChangesAsync(CancellationToken.None);
                throw e as DestinationException ?? new DestinationException(DestinationFailure.Failed, e.Message, e);
            }
        }
        progress?.Report(new SyncProgress(SyncPhase.Planning, settings.Name));
        var plan = options.DeactivateAll ? DeactivateAll(records, now) : await MakePlan(basis, records, options, now, cancellationToken);
        var identityTargets = settings.Policy.MatchBy.Where(m => m.Key is AccountKey.UserName or AccountKey.Email).Select(m => m.Target).ToList();
        var lastApplied = await db.SyncRuns.AsNoTracking()
            .Where(r => r.Destination == settings.Name && (r.Status == SyncRunStatus.Succeeded || r.Status == SyncRunStatus.CompletedWithFailures))
            .OrderByDescending(r => r.Id).Select(r => (int?)r.Workers).FirstOrDefaultAsync(cancellationToken);
        var safety = settings.Limits.Check(plan, records.Count(r => r.WorkerId is not null && r.Ownership != nameof(Ownership.Unmanaged)), identityTargets,
            settings.Limits.SourceDrop(basis.Seen, lastApplied));
        var breaches = safety.Breaches;
        var run = new SyncRun
        {
            Destination = settings.Name,
            StartedAt = now,
            ReadRunId = readRunId,
            Workers = basis.Seen,
            Planning = basis.Scope,
            ReadsThrough = basis.ReadsThrough,
            // None for a disconnect: its plan is not the configuration's, so the next sync plans everyone again.
            Fingerprint = options.DeactivateAll ? null : basis.Fingerprint,
            IntegrationRunId = options.PartOf,
            Creates = plan.Count(ChangeKind.Create),
            Updates = plan.Count(ChangeKind.Update),
            Deactivations = plan.Count(ChangeKind.Deactivate),
            Reactivations = plan.Count(ChangeKind.Reactivate),
            Deletions = plan.Count(ChangeKind.Delete),
            Skips = plan.Count(ChangeKind.Skip),
        };
        // Over a limit, what the limit holds waits for approval; everything else goes ahead. A disconnect was confirmed
        // by name, which is its approval.
        var holding = safety.Broken && !options.DeactivateAll && !await Approved(options.Approve, plan, safety, cancellationToken);
        run.Status = holding && !options.Apply ? SyncRunStatus.Blocked : options.Apply ? SyncRunStatus.Running : SyncRunStatus.Planned;
        run.Breaches = breaches.Count > 0 ? string.Join(Environment.NewLine, breaches) : null;
        run.ApprovesRunId = breaches.Count > 0 && !holding ? options.Approve : null;
        var changeRecords = plan.Changes.Select(c => Record(c, holding && safety.Holds(c))).ToList();
        var toApply = holding ? Without(plan, safety) : plan;
        // The destination prepares for the changes while they are recorded: it waits on its server as this writes.
        var preparing = run.Status == SyncRunStatus.Running && destination is IChangePreparation preparation
            ? Task.Run(() => preparation.Prepare(InApplyingOrder(toApply), cancellationToken), cancellationToken) : Task.CompletedTask;
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        // Changes applied one by one start once the first of their records are written; the rest are written meanwhile.
        var ahead = run.Status == SyncRunStatus.Running && destination is IAccountWriter and not (IRunReceiver or IEventReceiver);
        var details = new ChangeDetails(plan.Changes, workers);
        var recording = await Record(run, changeRecords, details, ahead, cancellationToken);
        await preparing;
        Log.Planned(logger, settings.Name, run.Id, run.Creates, run.Updates, run.Deactivations, run.Reactivations, run.Deletions, plan.Groups.Count);
        if (holding)
        {
            Log.Blocked(logger, settings.Name, run.Id);
        }
        if (run.Status != SyncRunStatus.Running)
        {
            return await Finish(run, plan, breaches, changeRecords, null, recovered, cancellationToken);
        }
        if (destination is IRunReceiver receiver)
        {
            progress?.Report(new SyncProgress(SyncPhase.Delivering, settings.Name));
            var delivered = await Deliver(receiver, run, toApply, records, cancellationToken);
            run.Delivery = delivered.Location;
            if (!delivered.Succeeded)
            {
                foreach (var record in changeRecords.Where(c => c.Status == ChangeStatus.Planned && c.Kind != nameof(ChangeKind.Skip)))
                {
                    record.Status = ChangeStatus.Failed;
                    record.Error = $"Not delivered: {delivered.Error}";
                    run.Failed++;
                }
                db.Changes.UpdateRange(changeRecords);
                run.Error = $"The run could not be delivered to {settings.Name}: {delivered.Error}";
                return await Finish(run, plan, breaches, changeRecords, null, recovered, cancellationToken);
            }
        }
        using (SyncTelemetry.Source.StartActivity("apply"))
        {
            if (destination is IEventReceiver receiverOfEvents)
            {
                var only = options.Worker is { } one ? new HashSet<string>([one], StringComparer.OrdinalIgnoreCase) : basis.Only;
                await ApplyWithEvents(receiverOfEvents, plan, toApply, changeRecords, records, run, workers, only, progress, cancellationToken);
            }
            else
            {
                await Apply(toApply, changeRecords, records, run, progress, cancellationToken, recording);
            }
        }
        GroupSummary? groups = null;
        if (toApply.Groups.Count > 0 && destination is IGroupWriter writer)
        {
            using var grouping = SyncTelemetry.Source.StartActivity("groups");
            progress?.Report(new SyncProgress(SyncPhase.Groups, settings.Name));
            groups = await new GroupSync(db, writer, settings.Name, time).Apply(toApply.Groups, cancellationToken);
        }
        return await Finish(run, plan, breaches, changeRecords, groups, recovered, cancellationToken, holding);
    }

    /// <summary>The plan over every stored worker (or one worker's part of it), with the groups it starts from.</summary>
    private async Task<Plan> MakePlan(PlanBasis basis, List<AccountRecord> records, SyncRequest options, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        using var planning = SyncTelemetry.Source.StartActivity("plan");
        planning?.SetTag("headwater.plan.scope", basis.Scope.ToString());
        planning?.SetTag("headwater.plan.workers", basis.Workers.Count);
        var read = options.Reconcile || records.Count == 0;
        var knownGroups = await KnownGroups(basis, records, read, options.Apply, cancellationToken);
        var plan = Planner.Create(new PlanInput(settings.Name, basis.Workers, [.. records.AsParallel().AsOrdered().Select(StoredState.Known)],
            settings.Policy, settings.Mapper, settings.Scope, Today(now), now)
        {
            Groups = settings.Groups, KnownGroups = knownGroups, Only = basis.Only,
        });
        return options.Worker is { } only ? OnlyWorker(plan, only) : plan;
    }

    /// <summary>A disconnect's plan: every active account Headwater created or adopted is deactivated, nothing else.</summary>
    private Plan DeactivateAll(List<AccountRecord> records, DateTimeOffset now) => new(settings.Name, [.. records
        .Where(r => r.Active && r.WorkerId is not null && r.Ownership != nameof(Ownership.Unmanaged))
        .OrderBy(r => r.WorkerId, StringComparer.OrdinalIgnoreCase)
        .Select(r => new PlannedChange(ChangeKind.Deactivate, r.WorkerId!, r.AccountId, [], ReasonCode.Disconnected,
            "The integration was disconnected and asked to deactivate the accounts Headwater manages.", Active: false))], now);

    private DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now.UtcDateTime, zone));

    /// <summary>Records how the run ended; with <paramref name="held"/> (changes over a safety limit held back) it is blocked.</summary>
    private async Task<SyncOutcome> Finish(SyncRun run, Plan plan, IReadOnlyList<string> breaches, List<ChangeRecord> changes,
        GroupSummary? groups, Recovery? recovered, CancellationToken cancellationToken, bool held = false)
    {
        run.FinishedAt = time.GetUtcNow();
        if (run.Status == SyncRunStatus.Running)
        {
            run.Status = held ? SyncRunStatus.Blocked
                : run.Failed > 0 || groups?.Errors.Count > 0 ? SyncRunStatus.CompletedWithFailures : SyncRunStatus.Succeeded;
            run.Error = groups?.Errors.Count > 0 ? string.Join(Environment.NewLine, groups.Errors) : run.Error;
        }
        db.ChangeTracker.Clear();
        db.SyncRuns.Update(run);
        await db.SaveChangesAsync(cancellationToken);
        SyncTelemetry.Finished(run);
        Log.RunFinished(logger, settings.Name, run.Id, run.Status, run.Applied, run.Failed);
        return new SyncOutcome(run, plan, breaches, [.. changes.Where(c => c.Status == ChangeStatus.Failed)], groups, recovered);
    }

    /// <summary>A breach may go ahead only under the approval of a blocked run of this destination that held every
    /// change this plan's limits hold.</summary>
    private async Task<bool> Approved(int? approve, Plan plan, SafetyCheck safety, CancellationToken cancellationToken)
    {
        if (approve is not { } runId)
        {
            return false;
        }
        var approved = await db.SyncRuns.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == runId && r.Destination == settings.Name && r.Status == SyncRunStatus.Blocked, cancellationToken)
            ?? throw new SyncException(FailureCause.Configuration, $"Run {runId} is not a blocked run of '{settings.Name}'; see headwater runs.");
        var allowed = (await db.Changes.AsNoTracking().Where(c => c.RunId == approved.Id && c.Status == ChangeStatus.Blocked)
            .Select(c => c.Kind + ":" + c.WorkerId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var extra = plan.Changes.Where(c => safety.Holds(c) && !allowed.Contains($"{c.Kind}:{c.WorkerId}")).ToList();
        if (extra.Count > 0)
        {
            throw new SyncException(FailureCause.SafetyLimit, $"The plan now holds {extra.Count} change(s) over a safety limit that run {runId} " +
                $"did not, e.g. {extra[0].Kind} {extra[0].WorkerId}: review the new plan (headwater plan) and approve the run it blocks. " +
                string.Join(" ", safety.Breaches));
        }
        return true;
    }

    /// <summary>The plan without what the safety limits hold, and without the group removals of the people held, so
    /// no one loses a group before the change that would take it away is approved.</summary>
    private static Plan Without(Plan plan, SafetyCheck safety)
    {
        var heldWorkers = plan.Changes.Where(safety.Holds).Select(c => c.WorkerId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return plan with
        {
            // Held changes become skips in place, so each change keeps its index (its record).
            Changes = [.. plan.Changes.Select(c => safety.Holds(c) ? c with { Kind = ChangeKind.Skip } : c)],
            Groups = [.. plan.Groups.Select(g => g.Kind == GroupChangeKind.RemoveMembers
                    ? g with { WorkerIds = [.. g.WorkerIds.Where(w => !heldWorkers.Contains(w))] } : g)
                .Where(g => g.Kind == GroupChangeKind.Create || g.WorkerIds.Count + g.AccountIds.Count > 0)],
        };
    }

    /// <summary>A change's record, but for what it sets and what drove it (<see cref="ChangeDetails"/>), written as it is saved.</summary>
    private ChangeRecord Record(PlannedChange change, bool blocked) => new()
    {
        Destination = settings.Name,
        WorkerId = change.WorkerId,
        Kind = change.Kind.ToString(),
        AccountId = change.AccountId,
        Code = change.Code.Wire(),
        Reason = change.Reason,
        Attributes = "",
        ManagerWorkerId = change.ManagerWorkerId,
        Active = change.Active,
        Drivers = "",
        Status = blocked && change.IsChange ? ChangeStatus.Blocked : ChangeStatus.Planned,
    };

    private async Task Apply(Plan plan, List<ChangeRecord> changeRecords, List<AccountRecord> records, SyncRun run,
        IProgress<SyncProgress>? progress, CancellationToken cancellationToken, PlanRecording? recording = null)
    {
        var accountsById = records.ToDictionary(r => r.AccountId, StringComparer.Ordinal);
        var accountsByWorker = new ConcurrentDictionary<string, string>(
            records.Where(r => r.WorkerId is not null && r.Ownership != nameof(Ownership.Unmanaged)).Select(r => KeyValuePair.Create(r.WorkerId!, r.AccountId)),
            StringComparer.OrdinalIgnoreCase);
        // An account this plan adopts is known before anything is applied, so reports created in the same run link to it.
        foreach (var change in plan.Changes.Where(c => c.IsChange && c.Kind != ChangeKind.Create && c.AccountId is not null))
        {
            accountsByWorker.TryAdd(change.WorkerId, change.AccountId!);
        }
        if (destination is IAccountLocations locations)
        {
            locations.Remember(records.Where(r => r.Location is not null).Select(r => KeyValuePair.Create(r.AccountId, r.Location!)));
        }
        var total = plan.Changes.Count(c => c.IsChange);
        var channel = Channel.CreateBounded<AppliedChange>(SaveEvery * 2);
        // Stopped when recording fails: a change applied then could not be recorded.
        using var stopApplying = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var applying = destination is IAccountWriter writer
            ? new ChangeApplier(writer, settings.Concurrency).Apply(plan.Changes, accountsByWorker, channel.Writer, stopApplying.Token,
                recording is null ? null : recording.Recorded)
            : ChangeApplier.Accept(plan.Changes, accountsByWorker, channel.Writer, stopApplying.Token);
        var outcomes = new List<ChangeRecord>(SaveEvery);
        var accounts = new List<(AccountRecord Record, bool Gone)>(SaveEvery);
        progress?.Report(new SyncProgress(SyncPhase.Applying, settings.Name, 0, total));
        try
        {
            await foreach (var applied in Results(channel.Reader, recording, cancellationToken))
            {
                await RecordOutcome(applied);
            }
            while (recording?.Pending == true)
            {
                await recording.WriteNext(); // the last records are all of skips, which nothing waits for
            }
        }
        catch
        {
            await stopApplying.CancelAsync();
            throw;
        }
        await applying;
        await Save(run, outcomes, accounts, cancellationToken);

        async Task RecordOutcome(AppliedChange applied)
        {
            var record = changeRecords[applied.Index];
            var result = applied.Result;
            record.AppliedAt = time.GetUtcNow();
            record.AccountId = result.AccountId ?? record.AccountId;
            SyncTelemetry.Applied(settings.Name, record.Kind, result.Succeeded ? ChangeStatus.Applied : ChangeStatus.Failed);
            if (result.Succeeded)
            {
                record.Status = ChangeStatus.Applied;
                run.Applied++;
                var key = result.AccountId ?? applied.Change.AccountId!;
                var before = accountsById.GetValueOrDefault(key);
                var after = _ledger.After(before, applied.Change, result, applied.LinkedManager, record.AppliedAt.Value);
                if (after is null)
                {
                    accountsById.Remove(key);
                    accounts.Add((before!, true));
                }
                else
                {
                    accountsById[after.AccountId] = after;
                    accounts.Add((after, false));
                }
            }
            else
            {
                record.Status = ChangeStatus.Failed;
                record.Error = result.Error;
                run.Failed++;
                if (result.Gone && applied.Change.AccountId is { } gone && accountsById.Remove(gone, out var lost))
                {
                    // Deleted by hand in the destination: forgotten, so the next plan creates or adopts the worker again.
                    accounts.Add((lost, true));
                    record.Error += " The account is forgotten; the next sync creates or adopts one for this worker.";
                }
                Log.ChangeFailed(logger, settings.Name, record.Kind, record.WorkerId);
            }
            outcomes.Add(record);
            progress?.Report(new SyncProgress(SyncPhase.Applying, settings.Name, run.Applied + run.Failed, total, run.Failed));
            if (outcomes.Count >= SaveEvery)
            {
                await Save(run, outcomes, accounts, cancellationToken);
            }
        }
    }

    private static List<PlannedChange> InApplyingOrder(Plan plan) =>
        [.. ChangeApplier.Waves(plan.Changes).SelectMany(wave => wave.Select(c => c.Change))];

    /// <summary>The applied changes as they come; while none is waiting to be recorded, the plan's next records are
    /// written, so the changes waiting for theirs can go ahead.</summary>
    private static async IAsyncEnumerable<AppliedChange> Results(ChannelReader<AppliedChange> results, PlanRecording? recording,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            while (recording?.Pending == true && !results.TryPeek(out _))
            {
                await recording.WriteNext();
            }
            if (!await results.WaitToReadAsync(cancellationToken))
            {
                yield break;
            }
            while (results.TryRead(out var applied))
            {
                yield return applied;
            }
        }
    }

    /// <summary>Records what became of a batch of changes, the accounts they left (or removed: gone) and the run's
    /// counts, in one transaction. Only a change's outcome columns are written: the rest was saved with the plan.</summary>
    private async Task Save(SyncRun run, List<ChangeRecord> outcomes, List<(AccountRecord Record, bool Gone)> accounts,
        CancellationToken cancellationToken)
    {
        await InTransaction(async () =>
        {
            await using (var outcome = await RowStatement.UpdateAsync<ChangeRecord>(db,
                [nameof(ChangeRecord.Status), nameof(ChangeRecord.AppliedAt), nameof(ChangeRecord.AccountId), nameof(ChangeRecord.Error)],
                cancellationToken))
            {
                foreach (var record in outcomes)
                {
                    await outcome.RunAsync(record, cancellationToken);
                }
            }
            await WriteAccounts(accounts, cancellationToken);
            db.SyncRuns.Update(run);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }, cancellationToken);
        outcomes.Clear();
        accounts.Clear();
    }

    /// <summary>Records each account as it now is, or forgets it (gone), in the transaction the caller holds.</summary>
    private async Task WriteAccounts(IReadOnlyList<(AccountRecord Record, bool Gone)> accounts, CancellationToken cancellationToken)
    {
        await using var upsert = await RowStatement.UpsertAsync<AccountRecord>(db, cancellationToken);
        await using var delete = await RowStatement.DeleteAsync<AccountRecord>(db, cancellationToken);
        foreach (var (record, gone) in accounts)
        {
            await (gone ? delete : upsert).RunAsync(record, cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="write"/> in a transaction: its own, or the one a caller holds (a run that writes
    /// events commits its records with them).</summary>
    private async Task InTransaction(Func<Task> write, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await write();
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await write();
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Reads every account the destination holds: unknown ones are recorded as unmanaged (to be matched and
    /// adopted), known ones get the destination's current values, so drift made by hand is planned back.</summary>
    private async Task<List<AccountRecord>> ReadDestination(List<AccountRecord> known, bool persist, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var byId = known.ToDictionary(r => r.AccountId, StringComparer.Ordinal);
        var seen = new List<AccountRecord>();
        await foreach (var account in Reader!.ListAccounts(cancellationToken))
        {
            if (byId.TryGetValue(account.Id, out var record))
            {
                record.Active = account.Active;
                record.Values = StoredState.Json(new Dictionary<string, string?>(account.Attributes));
                record.UpdatedAt = now;
                record.Location = account.Location ?? record.Location;
                seen.Add(record);
                continue;
            }
            seen.Add(_ledger.Listed(account, now));
        }
        if (persist)
        {
            // Known accounts the destination no longer has were deleted there: forgotten, so the workers they belonged
            // to are planned again (created, or adopted if an account matches) rather than failing on every sync.
            var listed = seen.Select(r => r.AccountId).ToHashSet(StringComparer.Ordinal);
            var gone = known.Where(k => !listed.Contains(k.AccountId)).Select(k => (k, true));
            await InTransaction(() => WriteAccounts([.. seen.Select(r => (r, false)), .. gone], cancellationToken), cancellationToken);
        }
        return seen;
    }

    /// <summary>The groups the plan starts from: none when groups are not kept here; on a first sync or a reconcile
    /// the destination's own groups (those the rules name or Headwater kept), else Headwater's record.</summary>
    private async Task<List<KnownGroup>?> KnownGroups(PlanBasis basis, List<AccountRecord> records, bool read, bool persist,
        CancellationToken cancellationToken)
    {
        if (settings.Groups.Rules.Count == 0 || destination is not IGroupWriter writer)
        {
            return null;
        }
        var considered = basis.Only is null ? null : basis.Workers.Select(w => w.Id).ToList();
        var recorded = await GroupSync.Recorded(db, settings.Name, cancellationToken, considered);
        if (!read)
        {
            return recorded;
        }
        var names = new HashSet<string>(recorded.Select(g => g.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var worker in basis.Workers)
        {
            var attributes = WorkerAttributes.ForLookup(worker);
            if (settings.Scope.Excludes(attributes) is null)
            {
                names.UnionWith(settings.Groups.For(attributes));
            }
        }
        return await new GroupSync(db, writer, settings.Name, time).Listed(names, records, persist, cancellationToken);
    }

    /// <summary>The plan narrowed to one worker: their change, and their group changes.</summary>
    private static Plan OnlyWorker(Plan plan, string workerId)
    {
        bool Mine(string id) => string.Equals(id, workerId, StringComparison.OrdinalIgnoreCase);
        var groups = plan.Groups.Where(g => g.WorkerIds.Any(Mine)).Select(g => g with { WorkerIds = [.. g.WorkerIds.Where(Mine)], AccountIds = [] }).ToList();
        var creates = plan.Groups.Where(g => g.Kind == GroupChangeKind.Create && groups.Any(m => m.Group == g.Group));
        return plan with { Changes = [.. plan.Changes.Where(c => Mine(c.WorkerId))], Groups = [.. creates, .. groups] };
    }
}

/// <summary>A sync that cannot go ahead as asked; the message says what to do.</summary>
public sealed class SyncException(FailureCause cause, string message) : Exception(message)
{
    public FailureCause Cause { get; } = cause;
}
