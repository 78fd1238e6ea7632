using System.Runtime.InteropServices;
using Headwater.Core.Workers;

namespace Headwater.Connectors.Ukg;

/// <summary>What the checks need to know of every worker, including those not re-read this time.</summary>
public readonly record struct DirectoryEntry(string? ManagerId, string? Email);

/// <summary>
/// Checks that need every worker at once: managers that do not exist or loop, and shared emails; and the manager's
/// email, taken from the manager's own record when supervisor details were not read. Built once from the directory
/// of all workers and applied to each worker as it is joined, so no worker is built twice.
/// </summary>
public sealed class WorkerChecks
{
    private readonly IReadOnlyDictionary<string, DirectoryEntry> _directory;
    private readonly Dictionary<string, int> _emailCounts;
    private Dictionary<string, List<string>>? _sharers;

    public WorkerChecks(IReadOnlyDictionary<string, DirectoryEntry> directory)
    {
        _directory = directory;
        _emailCounts = new Dictionary<string, int>(directory.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in directory.Values)
        {
            if (entry.Email is { } email)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_emailCounts, email, out _)++;
            }
        }
    }

    /// <summary>Adds to <paramref name="issues"/> what is wrong with this worker's place among all workers, and
    /// returns the manager's email: <paramref name="managerEmail"/> when known, else the manager's own.</summary>
    public string? Check(string id, string? managerId, string? email, string? managerEmail, List<WorkerIssue> issues)
    {
        if (managerId is not null && !_directory.ContainsKey(managerId))
        {
            issues.Add(new("unknown-manager", $"Supervisor '{managerId}' is not among the workers UKG returned; no manager is linked."));
        }
        if (CycleThrough(id) is { } chain)
        {
            issues.Add(new("manager-cycle", $"The supervisor chain loops ({chain}); no manager is linked."));
        }
        if (email is not null && _emailCounts.GetValueOrDefault(email) > 1)
        {
            var others = Sharers()[email].Where(owner => !owner.Equals(id, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal);
            issues.Add(new("shared-email", $"The email address {email} is shared with {string.Join(", ", others)}."));
        }
        return managerEmail ?? (managerId is not null && _directory.TryGetValue(managerId, out var manager) ? manager.Email : null);
    }

    /// <summary>The owners of each shared email, gathered the first time one is needed.</summary>
    private Dictionary<string, List<string>> Sharers()
    {
        if (_sharers is null)
        {
            _sharers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, entry) in _directory)
            {
                if (entry.Email is { } email && _emailCounts[email] > 1)
                {
                    ref var owners = ref CollectionsMarshal.GetValueRefOrAddDefault(_sharers, email, out _);
                    (owners ??= []).Add(id);
                }
            }
        }
        return _sharers;
    }

    /// <summary>The loop in words when following supervisors from <paramref name="start"/> comes back to it.</summary>
    private string? CycleThrough(string start)
    {
        var chain = new List<string> { start };
        var current = _directory.TryGetValue(start, out var first) ? first.ManagerId : null;
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
            current = _directory.TryGetValue(current, out var entry) ? entry.ManagerId : null;
        }
        return null;
    }
}
