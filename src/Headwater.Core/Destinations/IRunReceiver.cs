using Headwater.Core.Planning;

namespace Headwater.Core.Destinations;

/// <summary>One person's row in a roster: the values the mapping gives them (by target), whether their access is
/// active, and their manager's worker id.</summary>
public sealed record RosterEntry(string WorkerId, bool Active, IReadOnlyDictionary<string, string?> Values, string? ManagerWorkerId);

/// <summary>
/// A whole run as one delivery: <see cref="Roster"/> is everyone Headwater keeps in the destination after the run
/// (active or not), <see cref="Changes"/> what this run changed, <see cref="Columns"/> the mapping's targets in order.
/// </summary>
public sealed record RunDelivery(
    string Destination, int RunId, DateTimeOffset At, IReadOnlyList<string> Columns, IReadOnlyList<RosterEntry> Roster,
    IReadOnlyList<PlannedChange> Changes);

/// <summary>What a delivery came to: where it went, or why it failed (the next run delivers again).</summary>
public sealed record DeliveryResult(bool Succeeded, string? Location, string? Error = null)
{
    public static DeliveryResult Delivered(string location) => new(true, location);
    public static DeliveryResult Failed(string error) => new(false, null, error);
}

/// <summary>Takes a whole run at once (a snapshot or a change set) rather than one account at a time. A destination
/// with this capability and no <see cref="IAccountWriter"/> is brought in step by delivery alone.</summary>
public interface IRunReceiver : IDestination
{
    /// <summary>Never throws for an expected failure (a full disk, a refused upload): the failure is returned.</summary>
    Task<DeliveryResult> Receive(RunDelivery run, CancellationToken cancellationToken = default);
}
