using Headwater.Core.Workers;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// Derives a worker's lifecycle from UKG's status code and dates, on a given day in the tenant's time zone. UKG
/// does not document when a future-dated termination turns the status to T, so both are read: a termination date
/// that has passed ends employment even while the status still says A, and one today or later is scheduled (access
/// ends at the end of that day), even if the status already says T. A rehire leaves the old termination date in place; it counts only when it is on or
/// after the last hire date.
/// </summary>
public static class WorkerLifecycle
{
    public static Lifecycle Derive(string? statusCode, DateOnly? lastHire, DateOnly? termination, DateOnly? statusStart, DateOnly today)
    {
        var status = statusCode?.Trim().ToUpperInvariant();
        var currentTermination = termination is { } t && (lastHire is null || t >= lastHire) ? termination : null;
        var rehired = termination is { } old && lastHire is { } hire && old < hire;
        switch (status)
        {
            case "T" when currentTermination is { } last && last >= today:
                return new(LifecycleState.TerminationScheduled, lastHire, last,
                    $"Terminated in UKG (status T); leaves at the end of {last:yyyy-MM-dd}.");
            case "T":
                return new(LifecycleState.Terminated, currentTermination ?? statusStart, null,
                    currentTermination is { } ended ? $"Terminated (status T) on {ended:yyyy-MM-dd}." : "Terminated (status T).");
            case "R":
                return new(LifecycleState.Terminated, statusStart, null, "Released (status R).");
            case "A" or "L" or "S" or "O":
                break;
            default:
                return new(LifecycleState.Unknown, statusStart, null, $"Unknown status code '{statusCode}'.");
        }
        if (currentTermination is { } end && end < today)
        {
            return new(LifecycleState.Terminated, end, null, $"Termination date {end:yyyy-MM-dd} has passed (UKG status still {status}).");
        }
        if (lastHire is { } start && start > today)
        {
            return new(LifecycleState.PendingStart, start, currentTermination, rehired
                ? $"Rehired; starts {start:yyyy-MM-dd}." : $"Hired; starts {start:yyyy-MM-dd}.");
        }
        var until = currentTermination;
        var leaving = until is { } u ? $" Leaves at the end of {u:yyyy-MM-dd}." : "";
        return status switch
        {
            "L" => new(LifecycleState.OnLeave, statusStart, until, "On leave (status L)." + leaving),
            "O" => new(LifecycleState.OnLeave, statusStart, until, "On strike (status O)." + leaving),
            "S" => new(LifecycleState.Suspended, statusStart, until, "Suspended (status S)." + leaving),
            _ when until is not null => new(LifecycleState.TerminationScheduled, lastHire, until, "Active (status A)." + leaving),
            _ when rehired => new(LifecycleState.Rehired, lastHire, null, $"Rehired on {lastHire:yyyy-MM-dd} after leaving on {termination:yyyy-MM-dd}."),
            _ => new(LifecycleState.Active, lastHire, null, "Active (status A)."),
        };
    }
}
