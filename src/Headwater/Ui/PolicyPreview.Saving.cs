using Headwater.Configuration;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Data;

namespace Headwater.Ui;

public sealed partial record PolicyPreview
{
    /// <summary>The workers whose accounts the planner would deactivate under <paramref name="proposed"/> and not under
    /// <paramref name="current"/>, over the stored workers and accounts: what saving the form would deactivate. Only the
    /// workers whose plan can differ and who could be deactivated are decided (<see cref="Candidates"/>,
    /// <see cref="SaveAccounts"/>): under the new settings, then under the old those the new deactivate, unless
    /// the old keep them active. Each is decided as the planner decides them (<see cref="Plans.Deactivated"/>).</summary>
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
        var inAfter = stored.Verdicts(settings.Scope).In;
        var inBefore = before is null ? null : stored.Verdicts(before.Scope).In;
        var candidates = Candidates(stored, inBefore, inAfter, before is null || !SamePolicy(before.Policy, settings.Policy));
        if (candidates.Count == 0)
        {
            return [];
        }
        var accounts = await SaveAccounts.ReadAsync(db, columns, settings.Name, stored, candidates, cancellationToken);
        var rows = accounts.Deactivatable;
        if (rows.Count == 0)
        {
            return [];
        }
        // The accounts of the workers a plan decides in scope, read in full: under the new settings, or under the old
        // where the new might deactivate them and the old do not keep them active.
        var inScope = rows.Where(r => inAfter[r] || (inBefore?[r] == true && !KeptActive(stored, inBefore, r)));
        var planned = await accounts.PlannedAsync(db, inScope.Select(r => Id(stored, r)), cancellationToken);
        var now = time.GetUtcNow();
        var plans = new Plans(stored, accounts.Owned, planned,
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now.UtcDateTime, proposed.Ukg.Connection.Zone)), now, cancellationToken);
        var deactivated = plans.Deactivated(settings, inAfter, rows);
        var kept = before is null ? [] : plans.Deactivated(before, inBefore!,
            rows.FindAll(r => deactivated.Contains(Id(stored, r)) && !KeptActive(stored, inBefore!, r)));
        return [.. deactivated.Where(id => !kept.Contains(id)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The stored workers (their rows in <paramref name="stored"/>) whose deactivation can differ between two settings of
    /// one destination with the same mapping (the Policy page changes only the policy and the scope), given who each
    /// scope takes (<paramref name="inBefore"/> null: no settings before) and whether the policies differ
    /// (<paramref name="lifecycle"/>): those the scopes disagree on and, when the policies differ, those out of either
    /// scope or not in an active state; of these, those the new settings could deactivate. The planner decides any other
    /// worker by the same scope verdict, account and policy both times: in scope and active (or rehired), an account is
    /// kept active whatever the policy says (<see cref="KeptActive"/>).
    /// </summary>
    internal static List<int> Candidates(WorkerColumns stored, IReadOnlyList<bool>? inBefore, IReadOnlyList<bool> inAfter, bool lifecycle)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(inAfter);
        var candidates = new List<int>();
        for (var i = 0; i < stored.Count; i++)
        {
            var scopeDiffers = inBefore is not null && inBefore[i] != inAfter[i];
            var lifecycleDiffers = lifecycle && (!inAfter[i] || inBefore?[i] == false || !Active(stored.Value(i, "lifecycle.state")));
            var differs = scopeDiffers || lifecycleDiffers;
            if (differs && !KeptActive(stored, inAfter, i))
            {
                candidates.Add(i);
            }
        }
        return candidates;
    }

    /// <summary>Worker <paramref name="row"/>'s id as the rebuilt worker carries it (<see cref="WorkerColumns.WorkerAt"/>).</summary>
    internal static string Id(WorkerColumns stored, int row) => stored.Value(row, "id") ?? "";

    /// <summary>Whether the planner keeps worker <paramref name="row"/>'s account active, or creates none to deactivate,
    /// whatever the policy: in scope (<paramref name="inScope"/>) and in an active state (or rehired).</summary>
    private static bool KeptActive(WorkerColumns stored, IReadOnlyList<bool> inScope, int row) =>
        inScope[row] && Active(stored.Value(row, "lifecycle.state"));

    private static bool Active(string? state) =>
        state == nameof(LifecycleState.Active) || state == nameof(LifecycleState.Rehired);

    private static bool SamePolicy(SyncPolicy a, SyncPolicy b) =>
        a with { MatchBy = [] } == b with { MatchBy = [] } && a.MatchBy.SequenceEqual(b.MatchBy);
}
