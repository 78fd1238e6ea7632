using Headwater.Core.Workers;

namespace Headwater.Core.Planning;

/// <summary>
/// The planner: a pure function from the workers UKG describes, the accounts the destination is known to hold,
/// the policy and the date, to the changes that bring the destination in step. It changes nothing; applying is
/// someone else's job. Accounts Headwater neither created nor adopted are never deactivated or deleted, and an
/// account whose worker is absent from the read is left alone: absence is not a termination.
/// </summary>
public static class Planner
{
    public static Plan Create(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var accounts = new AccountIndex(input.Accounts);
        var keepGroups = input.KnownGroups is not null && input.Groups.Rules.Count > 0;
        // One pass decides every worker's account, and so who will hold one once the plan is applied, before any
        // manager is linked: a report is only ever linked to a manager with an account.
        var decisions = new AccountDecision[input.Workers.Count];
        var groups = keepGroups ? new IReadOnlyList<string>[input.Workers.Count] : null;
        // Each decision reads only its worker and the index, and is most of a plan's work: made on every core. A worker's
        // attributes are read while deciding it and kept by nothing after, so each thread fills one dictionary in turn.
        Parallel.For(0, input.Workers.Count, () => new Dictionary<string, string?>(128, StringComparer.Ordinal), (i, _, attributes) =>
        {
            var worker = input.Workers[i];
            WorkerAttributes.ForLookup(worker, attributes);
            if (input.Scope.Excludes(attributes) is { } reason)
            {
                decisions[i] = AccountDecision.OutOfScope(worker, accounts.Linked(worker.Id), reason, input.Policy);
                return attributes;
            }
            var (mapped, email) = UnusableEmail.Map(worker, attributes, input.Mapper);
            decisions[i] = AccountDecision.For(worker, mapped, email, accounts.Find(worker.Id, mapped, input.Policy), input);
            if (groups is not null)
            {
                groups[i] = input.Groups.For(attributes);
            }
            return attributes;
        }, _ => { });
        RefuseSharedUserNames(decisions, input.Policy);

        var links = new ManagerLinks(decisions, accounts);
        var changes = new List<PlannedChange>(decisions.Length);
        foreach (var decision in decisions)
        {
            if (input.Plans(decision.Worker.Id) && Change(decision, links) is { } change)
            {
                changes.Add(change);
            }
        }
        var read = input.Workers.Select(w => w.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var orphan in accounts.LinkedAccounts.Where(a => input.Only is null && !read.Contains(a.WorkerId!)))
        {
            changes.Add(new(ChangeKind.Skip, orphan.WorkerId!, orphan.AccountId, [], ReasonCode.NotInSource,
                "The worker is not in UKG's data; the account is left as it is (absence is never a termination)."));
        }
        return new Plan(input.Destination, Order(changes), input.Now)
        {
            Groups = groups is null ? [] : GroupPlanner.Plan(Members(decisions, groups).Where(m => input.Plans(m.WorkerId)), input.KnownGroups!),
        };
    }

    /// <summary>The workers, of <paramref name="workerIds"/>, whose accounts <see cref="Create"/> deactivates when the scope
    /// leaves them out: it decides such a worker by their own account (<paramref name="accounts"/> are all it is planned
    /// against) and the policy alone. For a caller that knows the scope's verdicts without rebuilding the workers.</summary>
    public static IEnumerable<string> DeactivatedOutOfScope(IEnumerable<string> workerIds, IReadOnlyList<KnownAccount> accounts,
        SyncPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var index = new AccountIndex(accounts);
        return workerIds.Where(id => AccountDecision.DeactivatesOutOfScope(index.Linked(id), policy));
    }

    /// <summary>Two new accounts may not share a userName (SCIM requires it unique). An email address UKG's checks
    /// flag as shared is already used by no one (<see cref="UnusableEmail"/>); this guards the other ways two names
    /// can meet, such as a mapping from another field. The first worker by id keeps the create; the others are
    /// skipped, naming it. Settled before managers are linked, so no report is linked to a manager whose create is
    /// refused.</summary>
    private static void RefuseSharedUserNames(AccountDecision[] decisions, SyncPolicy policy)
    {
        var target = policy.MatchBy.FirstOrDefault(m => m.Key == AccountKey.UserName)?.Target ?? "userName";
        AttributeChange? Named(AccountDecision decision) =>
            decision.Attributes.FirstOrDefault(a => a.Name.Equals(target, StringComparison.OrdinalIgnoreCase));
        string? UserName(AccountDecision decision) =>
            decision.Kind != ChangeKind.Create ? null : Named(decision)?.New?.Trim().ToUpperInvariant();
        var first = new Dictionary<string, AccountDecision>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            if (UserName(decision) is { } userName && (!first.TryGetValue(userName, out var kept)
                || string.Compare(decision.Worker.Id, kept.Worker.Id, StringComparison.OrdinalIgnoreCase) < 0))
            {
                first[userName] = decision;
            }
        }
        for (var i = 0; i < decisions.Length; i++)
        {
            if (UserName(decisions[i]) is { } userName && first[userName] is var kept && !ReferenceEquals(kept, decisions[i]))
            {
                var shared = Named(kept)!.New;
                decisions[i] = AccountDecision.Skip(decisions[i].Worker, null, new(ReasonCode.DuplicateUserName,
                    $"Not created: the {target} '{shared}' would be the same as worker {kept.Worker.Id}'s, and it must be unique. "
                    + "Give each person their own email in UKG."));
            }
        }
    }

    /// <summary>The change a decision makes once the worker's manager link is known; null when there is none. A
    /// change that leaves the supervisor unlinked says why, and so does one that changes the link.</summary>
    private static PlannedChange? Change(AccountDecision decision, ManagerLinks links)
    {
        if (decision.Kind is not { } kind)
        {
            return null;
        }
        var workerId = decision.Worker.Id;
        var accountId = decision.Account?.AccountId;
        if (!decision.LinksManager)
        {
            return new(kind, workerId, accountId, decision.Attributes, decision.Code, decision.Reason, Active: decision.Active);
        }
        var link = links.For(decision.Worker);
        var manager = link.ManagerWorkerId;
        var unlinked = link.Unlinked is { } why ? $"No manager is linked: {why}." : null;
        if (kind == ChangeKind.Create)
        {
            var created = AccountDecision.Join(decision.Reason, AccountDecision.Join(decision.Note, unlinked));
            return new(kind, workerId, null, decision.Attributes, decision.Code, created, manager, decision.Active);
        }
        var linked = decision.Account?.ManagerWorkerId;
        var attributes = decision.Attributes;
        Why? relinked = null;
        if (!string.Equals(manager, linked, StringComparison.OrdinalIgnoreCase))
        {
            attributes = [.. attributes, new AttributeChange("manager", linked, manager)];
            relinked = ManagerLinks.Relinked(decision.Worker, linked, link);
            unlinked = null; // the relink says why
        }
        var notes = AccountDecision.Join(relinked?.Text, AccountDecision.Join(decision.Note, unlinked));
        if (kind == ChangeKind.Reactivate)
        {
            return new(kind, workerId, accountId, attributes, decision.Code, AccountDecision.Join(decision.Reason, notes), manager);
        }
        if (attributes.Count == 0 && decision.Adopted is null)
        {
            return null;
        }
        var code = decision.Adopted is not null ? ReasonCode.Adopted
            : decision.Attributes.Count == 0 && relinked is { } only ? only.Code : ReasonCode.Changed;
        var what = decision.Attributes.Count == 0 ? null : $"Changed in UKG: {string.Join(", ", decision.Attributes.Select(a => a.Name))}.";
        var words = AccountDecision.Join(AccountDecision.Join(decision.Adopted, what), notes) ?? "";
        return new(kind, workerId, accountId, attributes, code, words, manager);
    }

    /// <summary>Each worker whose memberships the plan may change, with the groups they belong in: none unless they
    /// are in scope and their account is active once the plan is applied. A worker whose status is unknown is left
    /// out, so their recorded memberships stay as they are.</summary>
    private static IEnumerable<(string WorkerId, IReadOnlyList<string> Groups)> Members(
        AccountDecision[] decisions, IReadOnlyList<string>?[] groups)
    {
        for (var i = 0; i < decisions.Length; i++)
        {
            var decision = decisions[i];
            if (decision.Worker.Lifecycle.State != LifecycleState.Unknown)
            {
                yield return (decision.Worker.Id, decision.InScope && decision.Active ? groups[i] ?? [] : []);
            }
        }
    }

    /// <summary>Creates first, ordered so each manager's create comes before their reports'; then updates,
    /// deactivations, reactivations, deletions and skips (the order of <see cref="ChangeKind"/>), each in worker
    /// order. A report's update or reactivation may link a manager whose account is reactivated later in the plan:
    /// the account exists either way.</summary>
    private static List<PlannedChange> Order(List<PlannedChange> changes)
    {
        var creates = changes.Where(c => c.Kind == ChangeKind.Create).ToList();
        var byWorker = creates.ToDictionary(c => c.WorkerId, StringComparer.OrdinalIgnoreCase);
        int Depth(PlannedChange change)
        {
            var depth = 0;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var manager = change.ManagerWorkerId; manager is not null && byWorker.ContainsKey(manager) && seen.Add(manager); depth++)
            {
                manager = byWorker[manager].ManagerWorkerId;
            }
            return depth;
        }
        return [.. creates.OrderBy(Depth), .. changes.Where(c => c.Kind != ChangeKind.Create).OrderBy(c => c.Kind)];
    }
}
