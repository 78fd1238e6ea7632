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
        var candidates = Candidates(stored, inBefore, inAfter, PolicyReach.Of(before?.Policy, settings.Policy));
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
    /// scope takes (<paramref name="inBefore"/> null: no settings before) and what the policies' differences can reach
    /// (<paramref name="reach"/>): those the scopes disagree on, and those the differences reach; of these, those the new
    /// settings could deactivate. The planner decides any other worker by the same scope verdict, account and policy
    /// both times: in scope and active (or rehired), an account is kept active whatever the policy says
    /// (<see cref="KeptActive"/>).
    /// </summary>
    internal static List<int> Candidates(WorkerColumns stored, IReadOnlyList<bool>? inBefore, IReadOnlyList<bool> inAfter, PolicyReach reach)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(inAfter);
        var candidates = new List<int>();
        for (var i = 0; i < stored.Count; i++)
        {
            var scopeDiffers = inBefore is not null && inBefore[i] != inAfter[i];
            var outside = !inAfter[i] || inBefore?[i] == false;
            if ((scopeDiffers || reach.Reaches(outside, stored.Value(i, "lifecycle.state"))) && !KeptActive(stored, inAfter, i))
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

    /// <summary>
    /// Whom a change of policy can deactivate differently, as the planner reads the policy: the out-of-scope rule only
    /// those out of scope; the leave, suspension and termination-day rules only those in scope on leave, suspended or
    /// with a termination scheduled (a terminated worker's account is deactivated, and a future hire's never, whatever
    /// they say). Any other difference (when accounts are created and in which state, deletion, the match keys) may reach
    /// anyone out of scope or not active (<see cref="All"/>), as may settings with none before.
    /// </summary>
    internal readonly record struct PolicyReach(bool All, bool OutOfScope, bool Leave, bool Suspension, bool TerminationToday)
    {
        public static PolicyReach Of(SyncPolicy? before, SyncPolicy after)
        {
            ArgumentNullException.ThrowIfNull(after);
            if (before is null)
            {
                return new(true, true, true, true, true);
            }
            var rest = before with
            {
                OutOfScope = after.OutOfScope, Leave = after.Leave, Suspension = after.Suspension, TerminationToday = after.TerminationToday,
            };
            return new(!SamePolicy(rest, after), before.OutOfScope != after.OutOfScope, before.Leave != after.Leave,
                before.Suspension != after.Suspension, before.TerminationToday != after.TerminationToday);
        }

        /// <summary>Whether a worker in <paramref name="state"/> is reached: one out of either scope
        /// (<paramref name="outside"/>) by the out-of-scope rule, one in both by the rule for their state.</summary>
        public bool Reaches(bool outside, string? state) => All ? outside || !Active(state)
            : outside ? OutOfScope
            : (Leave && state == nameof(LifecycleState.OnLeave)) || (Suspension && state == nameof(LifecycleState.Suspended))
                || (TerminationToday && state == nameof(LifecycleState.TerminationScheduled));
    }
}
