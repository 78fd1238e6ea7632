using Headwater.Configuration;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Ui;

public sealed partial record PolicyPreview
{
    /// <summary>The workers whose accounts the planner would deactivate under <paramref name="proposed"/> and not under
    /// <paramref name="current"/>, over the stored workers and accounts: what saving the form would deactivate. Only the
    /// workers whose plan can differ (<see cref="Candidates"/>) are planned, under both, rebuilt from the kept columns
    /// rather than read and decoded again, against every account known by its keys (<see cref="StoredState.ByKeys"/>).</summary>
    public static async Task<IReadOnlyList<string>> NewlyDeactivatedAsync(HeadwaterDb db, WorkerColumnsCache columns, Integration? current,
        Integration proposed, int index, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(time);
        var settings = proposed.Destinations[index];
        var before = current?.Destination(settings.Name);
        var stored = await columns.GetAsync(db, cancellationToken);
        var candidates = Candidates(stored, before, settings);
        if (candidates.Count == 0)
        {
            return [];
        }
        var workers = candidates.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(stored.WorkerAt).ToList();
        // Whether an account is deactivated never depends on the values recorded for it (they decide what an update changes).
        var accounts = (await StoredState.ByKeys(db.Accounts.AsNoTracking().Where(a => a.Destination == settings.Name))
            .ToListAsync(cancellationToken)).Select(StoredState.Known).ToList();
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now.UtcDateTime, proposed.Ukg.Connection.Zone));
        HashSet<string> Deactivated(DestinationSettings? s) => s is null ? [] : [.. Planner.Create(new PlanInput(s.Name, workers, accounts,
                s.Policy, s.Mapper, s.Scope, today, now)).Changes.Where(c => c.Kind == ChangeKind.Deactivate).Select(c => c.WorkerId)];
        // The two plans share only what they read: each on its own core.
        var keptTask = Task.Run(() => Deactivated(before), cancellationToken);
        var deactivated = Deactivated(settings);
        var kept = await keptTask;
        return [.. deactivated.Where(id => !kept.Contains(id)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The stored workers (their rows in <paramref name="stored"/>) whose deactivation can differ between
    /// <paramref name="before"/> and <paramref name="after"/>, two settings of one destination with the same mapping
    /// (the Policy page changes only the policy and the scope):
    /// those the scopes disagree on and, when the policies differ (or there are no settings before), those out of either
    /// scope or not in an active state. The planner decides any other worker by the same scope verdict, account and
    /// policy both times: in scope and active (or rehired), an account is kept active whatever the policy says.
    /// </summary>
    internal static List<int> Candidates(WorkerColumns stored, DestinationSettings? before, DestinationSettings after)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(after);
        var inAfter = stored.Verdicts(after.Scope).In;
        var inBefore = before is null ? null : stored.Verdicts(before.Scope).In;
        var lifecycle = before is null || !SamePolicy(before.Policy, after.Policy);
        var candidates = new List<int>();
        for (var i = 0; i < stored.Count; i++)
        {
            var scopeDiffers = inBefore is not null && inBefore[i] != inAfter[i];
            if (scopeDiffers || (lifecycle && (!inAfter[i] || inBefore?[i] == false || !Active(stored.Value(i, "lifecycle.state")))))
            {
                candidates.Add(i);
            }
        }
        return candidates;
    }

    private static bool Active(string? state) =>
        state == nameof(LifecycleState.Active) || state == nameof(LifecycleState.Rehired);

    private static bool SamePolicy(SyncPolicy a, SyncPolicy b) =>
        a with { MatchBy = [] } == b with { MatchBy = [] } && a.MatchBy.SequenceEqual(b.MatchBy);
}
