namespace Headwater.Core.Planning;

/// <summary>
/// How much harm one run may do before it asks for approval: deactivations, deletions, and changes of a sign-in
/// identity (userName or email), each as a count and as a share of the accounts Headwater manages in the destination.
/// Null means no limit of that kind. Only what breaks a limit waits; the rest of the plan goes ahead.
/// </summary>
public sealed record SafetyLimits(int? MaxDeactivations = 25, double? MaxDeactivationPercent = 5, int? MaxDeletions = 25, double? MaxDeletionPercent = 5)
{
    public int? MaxIdentityChanges { get; init; } = 25;

    public double? MaxIdentityChangePercent { get; init; } = 5;

    /// <summary>How much smaller than at the last applied run the source may be (as a share of the people it had)
    /// before the whole run waits for approval: a read that lost people is not trusted to plan anything.</summary>
    public double? MaxSourceDropPercent { get; init; } = 10;

    public static SafetyLimits None { get; } =
        new(null, null, null, null) { MaxIdentityChanges = null, MaxIdentityChangePercent = null, MaxSourceDropPercent = null };

    /// <summary>The source-health check: a breach when <paramref name="workers"/> is more than the allowed share fewer
    /// than <paramref name="lastApplied"/>, the workers planned over at the last run that was applied.</summary>
    public string? SourceDrop(int workers, int? lastApplied) =>
        MaxSourceDropPercent is { } percent && lastApplied is > 0 and var before && 100.0 * (before - workers) / before > percent
            ? $"UKG now returns {workers} people, {100.0 * (before - workers) / before:0.#}% fewer than the {before} of the last " +
              $"applied run; the limit is {percent:0.#}%. Nothing is changed until a person confirms the source is right."
            : null;

    /// <summary>The limits a plan breaks, in words, and which of its changes they hold back (all of them under a
    /// <paramref name="sourceDrop"/>, from <see cref="SourceDrop"/>). <paramref name="managedAccounts"/>
    /// is the number of accounts Headwater created or adopted in the destination before this run;
    /// <paramref name="identityTargets"/> the mapping targets that sign people in (userName, email).</summary>
    public SafetyCheck Check(Plan plan, int managedAccounts, IReadOnlyCollection<string> identityTargets, string? sourceDrop = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (sourceDrop is not null && plan.HasChanges)
        {
            return new SafetyCheck([sourceDrop], change => change.IsChange);
        }
        var breaches = new List<string>();
        var deactivations = Check("deactivations", plan.Count(ChangeKind.Deactivate), MaxDeactivations, MaxDeactivationPercent, managedAccounts, breaches);
        var deletions = Check("deletions", plan.Count(ChangeKind.Delete), MaxDeletions, MaxDeletionPercent, managedAccounts, breaches);
        var identities = Check("sign-in identity changes (userName or email)", plan.Changes.Count(c => ChangesIdentity(c, identityTargets)),
            MaxIdentityChanges, MaxIdentityChangePercent, managedAccounts, breaches);
        return new SafetyCheck(breaches, change =>
            (deactivations && change.Kind == ChangeKind.Deactivate) || (deletions && change.Kind == ChangeKind.Delete)
            || (identities && ChangesIdentity(change, identityTargets)));
    }

    /// <summary>An update or reactivation that replaces a userName or email the account already had.</summary>
    public static bool ChangesIdentity(PlannedChange change, IReadOnlyCollection<string> identityTargets)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind is ChangeKind.Update or ChangeKind.Reactivate
            && change.Attributes.Any(a => a.Old is not null && identityTargets.Contains(a.Name, StringComparer.OrdinalIgnoreCase));
    }

    private static bool Check(string what, int planned, int? maxCount, double? maxPercent, int managed, List<string> breaches)
    {
        var broken = false;
        if (planned == 0)
        {
            return false;
        }
        if (maxCount is { } count && planned > count)
        {
            breaches.Add($"{planned} {what} planned; the limit is {count} per run.");
            broken = true;
        }
        // A share of no managed accounts means nothing: a first sync has none, and its changes are counted above.
        if (maxPercent is { } percent && managed > 0 && 100.0 * planned / managed > percent)
        {
            breaches.Add($"{planned} {what} planned, {100.0 * planned / managed:0.#}% of the {managed} managed accounts; the limit is {percent:0.#}%.");
            broken = true;
        }
        return broken;
    }
}

/// <summary>The limits a plan breaks, in words, and whether a change is one of those they hold back for approval.</summary>
public sealed record SafetyCheck(IReadOnlyList<string> Breaches, Func<PlannedChange, bool> Holds)
{
    public bool Broken => Breaches.Count > 0;
}
