using System.Security.Cryptography;
using System.Text;
using Headwater.Configuration;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

/// <summary>
/// What one destination's plan is made from. After a run that applied all it planned, the destination is in step with
/// UKG as that run saw it, so only a worker whose data changed since can plan differently; with them come those whose
/// decisions depend on theirs: their reports (the manager link), the managers of all of these (whether each holds an
/// account), the workers an earlier plan refused because of someone else (a shared userName, an account matched to
/// another), and the accounts whose grace period has run out. Everyone is planned when that cannot be trusted: no
/// such run, a new day (dates start and end employment), another configuration or Headwater build, a full read since
/// (people may have left the data), a reconcile, a destination that takes whole runs, or when asked.
/// </summary>
/// <param name="Workers">The workers to decide: everyone, or those planned and their context.</param>
/// <param name="Accounts">Every account known in the destination; those of workers not loaded without their values.</param>
/// <param name="Seen">How many workers the source holds.</param>
/// <param name="Scope">Whom the plan considers.</param>
/// <param name="Only">The workers whose changes are planned; null for everyone.</param>
/// <param name="ReadsThrough">The reads whose changes the plan sees (<see cref="SyncRun.ReadsThrough"/>).</param>
/// <param name="Fingerprint">The configuration and build the plan is made with.</param>
/// <param name="Since">The run the destination was in step with, when only changes since are planned.</param>
public sealed record PlanBasis(List<Worker> Workers, List<AccountRecord> Accounts, int Seen, PlanScope Scope,
    IReadOnlySet<string>? Only, int? ReadsThrough, string? Fingerprint, int? Since = null)
{
    /// <summary>Skips that another worker's data decided: they may turn into changes when that worker changes.</summary>
    private static readonly string[] RefusedForOthers =
        [.. new[] { ReasonCode.DuplicateUserName, ReasonCode.AmbiguousMatch, ReasonCode.AccountOwnedByOther }.Select(c => c.Wire())];

    public static async Task<PlanBasis> Load(HeadwaterDb db, DestinationSettings settings, SyncRequest request, bool wholeRuns,
        Func<DateTimeOffset, DateOnly> day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readsThrough = await FinishedReads(db, now, cancellationToken);
        var fingerprint = Configured(settings);
        var scope = request.Worker is null ? PlanScope.Everyone : PlanScope.OneWorker;
        if (scope == PlanScope.Everyone && !request.Everyone && !request.Reconcile && !wholeRuns && fingerprint is not null
            && await Baseline(db, settings.Name, fingerprint, day, now, cancellationToken) is { } baseline
            && await Changed(db, settings, baseline, now, cancellationToken) is { } changed)
        {
            return changed with { ReadsThrough = readsThrough, Fingerprint = fingerprint };
        }
        var (workers, accounts) = await StoredState.WorkersAndAccounts(db, settings.Name, cancellationToken);
        return new(workers, accounts, workers.Count, scope, null, readsThrough, fingerprint);
    }

    /// <summary>The run the destination is in step with: the latest that applied (a run for one worker changes no one
    /// else), if it applied everything, today, with this configuration, and no full read came after it.</summary>
    private static async Task<SyncRun?> Baseline(HeadwaterDb db, string destination, string fingerprint, Func<DateTimeOffset, DateOnly> day,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = await db.SyncRuns.AsNoTracking()
            .Where(r => r.Destination == destination && r.Status != SyncRunStatus.Planned && r.Planning != PlanScope.OneWorker)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (last is not { Status: SyncRunStatus.Succeeded, ReadsThrough: { } through } || last.Fingerprint != fingerprint
            || day(last.StartedAt) != day(now))
        {
            return null;
        }
        var fullReadSince = await db.ReadRuns.AnyAsync(r => r.Id > through && r.Succeeded && r.Mode == "Full", cancellationToken);
        return fullReadSince || !await db.Accounts.AnyAsync(a => a.Destination == destination, cancellationToken) ? null : last;
    }

    /// <summary>The workers to plan since <paramref name="baseline"/>, and their context; null when the stored workers do
    /// not say yet who the last full read saw (before the first full read since they carry it).</summary>
    private static async Task<PlanBasis?> Changed(HeadwaterDb db, DestinationSettings settings, SyncRun baseline, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var full = await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded && r.Mode == "Full").MaxAsync(r => (int?)r.Id, cancellationToken);
        if (full is not { } lastFull || !await db.Workers.AnyAsync(w => w.SeenInRead == lastFull, cancellationToken))
        {
            return null;
        }
        // No full read came after the baseline, so who is in the data is who the last full read saw, and anyone read since.
        var seen = db.Workers.AsNoTracking().Where(w => w.SeenInRead >= lastFull);
        var only = new HashSet<string>(await seen.Where(w => w.ChangedInRead > baseline.ReadsThrough).Select(w => w.Id).ToListAsync(cancellationToken),
            StringComparer.OrdinalIgnoreCase);
        // The chain of runs since everyone was last planned holds every refusal still standing.
        var everyone = await db.SyncRuns.AsNoTracking()
            .Where(r => r.Destination == settings.Name && r.Planning == PlanScope.Everyone && r.Status != SyncRunStatus.Planned)
            .MaxAsync(r => (int?)r.Id, cancellationToken) ?? 0;
        only.UnionWith(await db.Changes.AsNoTracking()
            .Where(c => c.RunId >= everyone && c.Destination == settings.Name && c.Kind == nameof(ChangeKind.Skip) && RefusedForOthers.Contains(c.Code))
            .Select(c => c.WorkerId).Distinct().ToListAsync(cancellationToken));
        if (settings.Policy.DeleteAfter is { } grace)
        {
            var deactivated = await db.Accounts.AsNoTracking()
                .Where(a => a.Destination == settings.Name && a.WorkerId != null && !a.Active && a.DeactivatedAt != null)
                .Select(a => new { a.WorkerId, a.DeactivatedAt }).ToListAsync(cancellationToken);
            only.UnionWith(deactivated.Where(a => now - a.DeactivatedAt >= grace).Select(a => a.WorkerId!));
        }
        var planned = only.ToList();
        only.UnionWith(await seen.Where(w => w.ManagerId != null && planned.Contains(w.ManagerId)).Select(w => w.Id).ToListAsync(cancellationToken));
        var workers = only.Count == 0 ? [] : await StoredState.Workers(db, cancellationToken, only);
        var managers = workers.Select(w => w.ManagerId).OfType<string>().Where(m => !only.Contains(m)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (managers.Count > 0)
        {
            workers.AddRange(await StoredState.Workers(db, cancellationToken, managers));
        }
        var loaded = workers.Select(w => w.Id).ToList();
        return new(workers, await AccountsOf(db, settings.Name, loaded, cancellationToken), await seen.CountAsync(cancellationToken),
            PlanScope.Changed, only, null, null, baseline.Id);
    }

    /// <summary>Every account, with the values Headwater recorded only where a plan may read them: the accounts of the
    /// workers loaded, and those no worker holds (a new worker may adopt one). The others are known by their keys, to be
    /// matched against and linked to, and are not changed.</summary>
    private static async Task<List<AccountRecord>> AccountsOf(HeadwaterDb db, string destination, List<string> workers,
        CancellationToken cancellationToken)
    {
        var unmanaged = nameof(Ownership.Unmanaged);
        var full = await db.Accounts.AsNoTracking()
            .Where(a => a.Destination == destination && (a.WorkerId == null || a.Ownership == unmanaged || workers.Contains(a.WorkerId)))
            .ToListAsync(cancellationToken);
        var loaded = full.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var others = await StoredState.ByKeys(db.Accounts.AsNoTracking()
            .Where(a => a.Destination == destination && a.WorkerId != null && a.Ownership != unmanaged)).ToListAsync(cancellationToken);
        return [.. full, .. others.Where(a => !loaded.Contains(a.AccountId))];
    }

    /// <summary>The highest read id up to which every read had finished: rows a read still writing may add later are
    /// then planned by the next run. A read that stopped a day ago without finishing was killed, not writing.</summary>
    private static async Task<int> FinishedReads(HeadwaterDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = await db.ReadRuns.MaxAsync(r => (int?)r.Id, cancellationToken) ?? 0;
        var open = (await db.ReadRuns.AsNoTracking().Where(r => r.FinishedAt == null).Select(r => new { r.Id, r.StartedAt })
            .ToListAsync(cancellationToken)).Where(r => now - r.StartedAt < TimeSpan.FromDays(1)).Select(r => (int?)r.Id).Min();
        return open is { } id ? id - 1 : last;
    }

    /// <summary>The destination's configuration and the build of the code that plans with it: a change to either may
    /// change any decision. Null when the settings were built in code and carry no fingerprint.</summary>
    private static string? Configured(DestinationSettings settings) => settings.Fingerprint is not { } configured ? null
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", configured,
            typeof(Planner).Assembly.ManifestModule.ModuleVersionId, settings.Kind.GetType().Assembly.ManifestModule.ModuleVersionId,
            typeof(PlanBasis).Assembly.ManifestModule.ModuleVersionId))));
}
