namespace Headwater.Core.Planning;

/// <summary>
/// How many deactivations and deletions one run may make before it stops and asks for approval, as a count and
/// as a share of the accounts Headwater manages in the destination. Null means no limit of that kind.
/// </summary>
public sealed record SafetyLimits(int? MaxDeactivations = 25, double? MaxDeactivationPercent = 5, int? MaxDeletions = 25, double? MaxDeletionPercent = 5)
{
    public static SafetyLimits None { get; } = new(null, null, null, null);

    /// <summary>The limits a plan breaks, in words; empty when it may run. <paramref name="managedAccounts"/> is the
    /// number of accounts Headwater created or adopted in the destination before this run.</summary>
    public IReadOnlyList<string> Breaches(Plan plan, int managedAccounts)
    {
        var breaches = new List<string>();
        Check("deactivations", plan.Count(ChangeKind.Deactivate), MaxDeactivations, MaxDeactivationPercent, managedAccounts, breaches);
        Check("deletions", plan.Count(ChangeKind.Delete), MaxDeletions, MaxDeletionPercent, managedAccounts, breaches);
        return breaches;
    }

    private static void Check(string what, int planned, int? maxCount, double? maxPercent, int managed, List<string> breaches)
    {
        if (planned == 0)
        {
            return;
        }
        if (maxCount is { } count && planned > count)
        {
            breaches.Add($"{planned} {what} planned; the limit is {count} per run.");
        }
        var share = managed == 0 ? 100.0 : 100.0 * planned / managed;
        if (maxPercent is { } percent && share > percent)
        {
            breaches.Add($"{planned} {what} planned, {share:0.#}% of the {managed} managed accounts; the limit is {percent:0.#}%.");
        }
    }
}
