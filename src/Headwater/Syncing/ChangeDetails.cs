using System.Collections.Frozen;
using System.Text.Json;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Data;

namespace Headwater.Syncing;

/// <summary>
/// What each of a plan's changes sets and the worker values that drove it, written into its record as JSON when the
/// record is saved rather than when the plan is made: a run's first changes are applied while the later records are
/// still to be written, so serializing the whole plan first would only delay them.
/// </summary>
internal sealed class ChangeDetails(IReadOnlyList<PlannedChange> changes, IEnumerable<Worker> workers)
{
    private static readonly string[] DriverKeys =
    [
        "lifecycle.state", "lifecycle.since", "lifecycle.until", "lifecycle.reason", "primary.statusCode", "primary.companyCode",
        "primary.lastHireDate", "primary.terminationDate", "primary.statusStartDate", "primary.leaveReason", "managerId", "email",
    ];

    private static readonly FrozenSet<string> DriverSet = DriverKeys.ToFrozenSet(StringComparer.Ordinal);

    private readonly Dictionary<string, Worker> _workers = workers.ToDictionary(w => w.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Fills in the records of the plan's changes from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    public void Describe(IReadOnlyList<ChangeRecord> records, int start, int end)
    {
        if (end - start < 64)
        {
            for (var i = start; i < end; i++)
            {
                Describe(records[i], i);
            }
            return;
        }
        Parallel.For(start, end, i => Describe(records[i], i));
    }

    private void Describe(ChangeRecord record, int index)
    {
        var change = changes[index];
        record.Attributes = JsonSerializer.Serialize([.. change.Attributes], SyncJson.Default.ListAttributeChange);
        record.Drivers = StoredState.Json(Drivers(_workers.GetValueOrDefault(change.WorkerId)));
    }

    /// <summary>The worker values that decide lifecycle changes, kept with each change so "why" has an answer later.</summary>
    private static Dictionary<string, string?> Drivers(Worker? worker)
    {
        if (worker is null)
        {
            return [];
        }
        var picked = WorkerAttributes.Pick(worker, DriverSet);
        var drivers = new Dictionary<string, string?>(picked.Count, StringComparer.Ordinal);
        foreach (var key in DriverKeys)
        {
            if (picked.TryGetValue(key, out var value))
            {
                drivers[key] = value;
            }
        }
        return drivers;
    }
}
