using Headwater.Core.Workers;

namespace Headwater.Core.Events;

/// <summary>
/// The few worker values events are derived from besides the plan: where they stand (and until when), where they
/// work (company, org levels, location) and who their supervisor is. Kept per destination after each run, so the next
/// run sees what changed for that destination, whatever the mapping sends.
/// </summary>
public sealed record EventFacts(
    LifecycleState State, DateOnly? Since, DateOnly? Until, string? Company, string? OrgLevels, string? Location, string? ManagerId)
{
    public static EventFacts Of(Worker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var primary = worker.Primary;
        var levels = primary.OrgUnits.Count == 0 ? null
            : string.Join("/", primary.OrgUnits.OrderBy(u => u.Level).Select(u => $"{u.Level}:{u.Code}"));
        return new(worker.Lifecycle.State, worker.Lifecycle.Since, worker.Lifecycle.Until, primary.CompanyCode, levels,
            primary.LocationCode, worker.ManagerId);
    }

    /// <summary>Whether the worker moved: another company, org level or location.</summary>
    public bool WorksElsewhereThan(EventFacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return !Same(Company, other.Company) || !Same(OrgLevels, other.OrgLevels) || !Same(Location, other.Location);
    }

    internal static bool Same(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.OrdinalIgnoreCase);
}
