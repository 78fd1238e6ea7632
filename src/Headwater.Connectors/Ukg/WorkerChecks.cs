using Headwater.Core.Workers;

namespace Headwater.Connectors.Ukg;

/// <summary>What the checks need to know of every worker, including those not re-read this time.</summary>
public readonly record struct DirectoryEntry(string? ManagerId, string? Email);

/// <summary>Checks that need every worker at once: managers that do not exist or loop, and shared emails; and the
/// manager's email, taken from the manager's own record when supervisor details were not read.</summary>
public static class WorkerChecks
{
    /// <summary>Checks a full set of workers against itself.</summary>
    public static List<Worker> Apply(List<Worker> workers)
    {
        var directory = new Dictionary<string, DirectoryEntry>(workers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var worker in workers)
        {
            directory.TryAdd(worker.Id, new DirectoryEntry(worker.ManagerId, worker.Email));
        }
        return Apply(workers, directory);
    }

    /// <summary>Checks <paramref name="workers"/> against the <paramref name="directory"/> of all workers, which
    /// must already hold their current entries.</summary>
    public static List<Worker> Apply(List<Worker> workers, IReadOnlyDictionary<string, DirectoryEntry> directory)
    {
        var emailOwners = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, entry) in directory)
        {
            if (entry.Email is { } email)
            {
                if (!emailOwners.TryGetValue(email, out var owners))
                {
                    emailOwners[email] = owners = new List<string>(1);
                }
                owners.Add(id);
            }
        }
        for (var i = 0; i < workers.Count; i++)
        {
            var worker = workers[i];
            List<WorkerIssue>? added = null;
            if (worker.ManagerId is { } managerId && !directory.ContainsKey(managerId))
            {
                (added ??= []).Add(new("unknown-manager", $"Supervisor '{managerId}' is not among the workers UKG returned; no manager is linked."));
            }
            if (CycleThrough(worker.Id, directory) is { } chain)
            {
                (added ??= []).Add(new("manager-cycle", $"The supervisor chain loops ({chain}); no manager is linked."));
            }
            if (worker.Email is { } email && emailOwners.TryGetValue(email, out var sharers) && sharers.Count > 1)
            {
                var others = sharers.Where(id => !id.Equals(worker.Id, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal);
                (added ??= []).Add(new("shared-email", $"The email address {email} is shared with {string.Join(", ", others)}."));
            }
            var managerEmail = worker.ManagerEmail
                ?? (worker.ManagerId is { } id && directory.TryGetValue(id, out var manager) ? manager.Email : null);
            if (added is not null || managerEmail != worker.ManagerEmail)
            {
                workers[i] = worker with { Issues = added is null ? worker.Issues : [.. worker.Issues, .. added], ManagerEmail = managerEmail };
            }
        }
        return workers;
    }

    /// <summary>The loop in words when following supervisors from <paramref name="start"/> comes back to it.</summary>
    private static string? CycleThrough(string start, IReadOnlyDictionary<string, DirectoryEntry> directory)
    {
        var chain = new List<string> { start };
        var current = directory.TryGetValue(start, out var first) ? first.ManagerId : null;
        while (current is not null && chain.Count <= 64)
        {
            if (current.Equals(start, StringComparison.OrdinalIgnoreCase))
            {
                return string.Join(" → ", chain.Append(start));
            }
            if (chain.Contains(current, StringComparer.OrdinalIgnoreCase))
            {
                return null; // a loop further up, not through this worker
            }
            chain.Add(current);
            current = directory.TryGetValue(current, out var entry) ? entry.ManagerId : null;
        }
        return null;
    }
}
