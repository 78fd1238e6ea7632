using Headwater.Core.Mapping;
using Headwater.Core.Workers;

namespace Headwater.Core.Planning;

/// <summary>
/// What the plan does with one worker's account, decided before any manager is linked: the change (null for none),
/// and what holds once it is applied. <see cref="HoldsAccount"/> says whether a report may be linked to this worker;
/// <see cref="LinksManager"/> whether the change carries this worker's own manager link (creates, reactivations and
/// updates). An update with nothing to write once the link is known is dropped.
/// </summary>
internal sealed record AccountDecision(Worker Worker, ChangeKind? Kind, ReasonCode Code, string Reason, KnownAccount? Account = null)
{
    public IReadOnlyList<AttributeChange> Attributes { get; init; } = [];

    /// <summary>Whether the account is active once the plan is applied.</summary>
    public bool Active { get; init; }

    public bool HoldsAccount { get; init; }
    public bool InScope { get; init; } = true;
    public bool LinksManager { get; init; }

    /// <summary>The adoption in words, when this change adopts an existing account.</summary>
    public string? Adopted { get; init; }

    /// <summary>What is wrong in UKG and how to fix it, added to the change's reason (an unusable email address).</summary>
    public string? Note { get; init; }

    public static AccountDecision OutOfScope(Worker worker, KnownAccount? account, string reason, SyncPolicy policy)
    {
        var deactivate = DeactivatesOutOfScope(account, policy);
        return new(worker, deactivate ? ChangeKind.Deactivate : null, ReasonCode.OutOfScope, $"No longer in scope: {reason}", account)
        {
            InScope = false,
            Active = !deactivate && account is { Active: true },
        };
    }

    /// <summary>Whether the plan deactivates the <paramref name="account"/> linked to a worker the scope leaves out.</summary>
    public static bool DeactivatesOutOfScope(KnownAccount? account, SyncPolicy policy) =>
        account is { Active: true } && policy.OutOfScope == OutOfScopePolicy.Deactivate;

    public static AccountDecision For(Worker worker, MappedWorker mapped, UnusableEmail? email, AccountMatch match, PlanInput input)
    {
        var (account, matchProblem, adopted) = match;
        if (matchProblem is { } problem)
        {
            return Skip(worker, null, problem);
        }
        var lifecycle = worker.Lifecycle;
        if (lifecycle.State == LifecycleState.Unknown)
        {
            // The account stays as it is, active or not, but a report is not linked to it until the status is known.
            var unknown = new Why(ReasonCode.UnknownStatus, $"{lifecycle.Reason} Nothing is changed until the status is known.");
            return Skip(worker, account, unknown) with { Active = account?.Active ?? false };
        }
        var (wantActive, wantAccount, why) = Desired(worker, account, input.Policy, input.Today);
        if (account is null)
        {
            if (!wantAccount)
            {
                return why is { } notYet ? Skip(worker, null, notYet) : new(worker, null, ReasonCode.Terminated, lifecycle.Reason);
            }
            if (Invalid(mapped) is { } invalid)
            {
                return Skip(worker, null, invalid);
            }
            var values = mapped.Values.Where(v => !string.IsNullOrWhiteSpace(v.Value))
                .Select(v => new AttributeChange(v.Target, null, v.Value)).ToList();
            var code = why?.Code ?? (lifecycle.State == LifecycleState.Rehired ? ReasonCode.Rehired : ReasonCode.Hired);
            return new(worker, ChangeKind.Create, code, why?.Text ?? lifecycle.Reason)
            {
                Attributes = values, Active = wantActive, HoldsAccount = true, LinksManager = true, Note = email?.Note,
            };
        }
        if (!wantActive)
        {
            var inactive = Inactive(worker, account, adopted, why, input);
            // A deactivation carries what changed with it: a termination entered on or after its day still writes
            // the termination date (AD's accountExpires) and the leaver's last values.
            return inactive.Kind == ChangeKind.Deactivate && Invalid(mapped) is null
                ? inactive with { Attributes = [.. Differences(mapped, account).Where(c => email?.Targets.Contains(c.Name) != true)] }
                : inactive;
        }
        if (Invalid(mapped) is { } unsent)
        {
            // An adoption is not made with invalid values; a linked account is kept as it is.
            return Skip(worker, account, unsent) with { Active = adopted is null && account.Active, HoldsAccount = adopted is null };
        }
        var changed = Differences(mapped, account).Where(c => email?.Targets.Contains(c.Name) != true).ToList();
        if (!account.Active)
        {
            var reason = Join(adopted, why?.Text ?? lifecycle.Reason);
            return new(worker, ChangeKind.Reactivate, Reactivation(worker, account, adopted), reason, account)
            {
                Attributes = changed, Active = true, HoldsAccount = true, LinksManager = true, Note = email?.Note,
            };
        }
        // The code and words of an update are settled once the manager link is known (it may be the only change).
        return new(worker, ChangeKind.Update, adopted is null ? ReasonCode.Changed : ReasonCode.Adopted, "", account)
        {
            Attributes = changed, Active = true, HoldsAccount = true, LinksManager = true, Adopted = adopted, Note = email?.Note,
        };
    }

    public static AccountDecision Skip(Worker worker, KnownAccount? account, Why why) =>
        new(worker, ChangeKind.Skip, why.Code, why.Text, account);

    /// <summary>A worker who should have no active account but has one, active or not.</summary>
    private static AccountDecision Inactive(Worker worker, KnownAccount account, string? adopted, Why? why, PlanInput input)
    {
        var lifecycle = worker.Lifecycle;
        if (account.Active)
        {
            // Only a termination, a leave or a suspension deactivates, and each says why.
            var (code, text) = why ?? throw new InvalidOperationException($"Worker {worker.Id} is deactivated without a reason.");
            return new(worker, ChangeKind.Deactivate, code, Join(adopted, text), account) { HoldsAccount = true };
        }
        if (adopted is not null)
        {
            return new(worker, ChangeKind.Update, ReasonCode.Adopted, Join(adopted, lifecycle.Reason), account) { HoldsAccount = true };
        }
        if (input.Policy.DeleteAfter is { } grace && lifecycle.State == LifecycleState.Terminated
            && account.DeactivatedAt is { } since && input.Now - since >= grace)
        {
            return new(worker, ChangeKind.Delete, ReasonCode.DeleteAfterGrace,
                $"Deactivated on {since:yyyy-MM-dd}, more than {grace.TotalDays:0} days ago ({lifecycle.Reason})", account);
        }
        // Left as it is: a leaver's deactivated account, or a future hire's account kept inactive until the start.
        var (stays, because) = why ?? new(ReasonCode.StartsLater, lifecycle.Reason);
        return new(worker, null, stays, because, account) { HoldsAccount = true };
    }

    /// <summary>Whether the worker should have an active account today, whether one should exist at all, and why
    /// when that is not simply their status.</summary>
    private static (bool Active, bool Exists, Why? Why) Desired(Worker worker, KnownAccount? account, SyncPolicy policy, DateOnly today)
    {
        var lifecycle = worker.Lifecycle;
        var leavesToday = lifecycle is { State: LifecycleState.TerminationScheduled, Until: { } last } && last <= today;
        if (account is null && (leavesToday || TerminatedInUkg(worker.Primary)))
        {
            // Whatever the dates say, UKG has recorded the termination: a new account would outlive the person's job.
            return (false, false, null);
        }
        switch (lifecycle.State)
        {
            case LifecycleState.Terminated:
                return (false, false, account is null ? null : new(ReasonCode.Terminated, $"{lifecycle.Reason} Access ends."));
            case LifecycleState.TerminationScheduled when leavesToday && policy.TerminationToday == TerminationToday.AtOnce:
                return (false, false, new(ReasonCode.Terminated, $"{lifecycle.Reason} Access ends at once, on the termination day."));
            case LifecycleState.TerminationScheduled when leavesToday:
                // Kept until the day is over, but an account deactivated earlier (a leave) is not reactivated for it.
                var keeps = account is { Active: true };
                return (keeps, true, keeps ? null : new(ReasonCode.Terminated, $"{lifecycle.Reason} Not reactivated on the last day."));
            case LifecycleState.PendingStart:
                var start = lifecycle.Since ?? today;
                var createOn = start.AddDays(-policy.DaysBeforeHire);
                var due = policy.CreateWhen == CreateWhen.Appears || today >= createOn;
                var active = policy.NewAccounts == NewAccountState.Active;
                if (account is not null)
                {
                    return (account.Active || active, true, null);
                }
                if (!due)
                {
                    var later = $"{lifecycle.Reason} The account will be created on {createOn:yyyy-MM-dd}.";
                    return (false, false, new(ReasonCode.StartsLater, later));
                }
                var how = active ? "Created ahead of the start date." : "Created inactive until the start date.";
                return (active, true, new(ReasonCode.CreatedBeforeStart, $"{lifecycle.Reason} {how}"));
            case LifecycleState.OnLeave when policy.Leave == LeavePolicy.Deactivate:
                var leave = account is null ? "No account is created during a leave." : "Deactivated during the leave.";
                return (false, account is not null, new(ReasonCode.OnLeave, $"{lifecycle.Reason} {leave}"));
            case LifecycleState.Suspended when policy.Suspension == LeavePolicy.Deactivate:
                var suspension = account is null ? "No account is created during a suspension." : "Deactivated during the suspension.";
                return (false, account is not null, new(ReasonCode.Suspended, $"{lifecycle.Reason} {suspension}"));
            default:
                return (true, true, null);
        }
    }

    /// <summary>Whether the worker's status in UKG is T (terminated) or R (released).</summary>
    private static bool TerminatedInUkg(Employment primary) => primary.StatusCode.Trim().ToUpperInvariant() is "T" or "R";

    /// <summary>Why an inactive account is activated: an adoption, a rehire, a first activation (an account created
    /// pending has never been deactivated), or a return from leave, suspension or time out of scope.</summary>
    private static ReasonCode Reactivation(Worker worker, KnownAccount account, string? adopted) =>
        adopted is not null ? ReasonCode.Adopted
        : worker.Lifecycle.State == LifecycleState.Rehired ? ReasonCode.Rehired
        : worker.Lifecycle.State == LifecycleState.PendingStart || account.DeactivatedAt is null ? ReasonCode.Activated
        : ReasonCode.Returned;

    private static List<AttributeChange> Differences(MappedWorker mapped, KnownAccount account)
    {
        var changes = new List<AttributeChange>();
        foreach (var value in mapped.Values)
        {
            if (value.Applies == MappingApplies.OnCreate)
            {
                continue;
            }
            var empty = string.IsNullOrWhiteSpace(value.Value);
            if (empty && value.WhenEmpty == WhenEmpty.Ignore)
            {
                continue;
            }
            var old = account.Values.GetValueOrDefault(value.Target);
            var next = empty ? null : value.Value;
            if (!string.Equals(old, next, StringComparison.Ordinal))
            {
                changes.Add(new AttributeChange(value.Target, old, next));
            }
        }
        return changes;
    }

    private static Why? Invalid(MappedWorker mapped) => mapped.Problems.Count == 0 ? null
        : new(ReasonCode.InvalidValue, "Not sent: " + string.Join(" ", mapped.Problems.Select(p => p.Message)));

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(first))]
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(second))]
    internal static string? Join(string? first, string? second) => first is null ? second : second is null ? first : $"{first} {second}";
}
