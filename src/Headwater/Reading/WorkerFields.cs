using System.Security.Cryptography;
using System.Text;
using Headwater.Core.Workers;

namespace Headwater.Reading;

/// <summary>What is stored of a worker between reads: its attributes (<see cref="WorkerAttributes"/>), compared
/// between reads ("which fields changed") and hashed.</summary>
public static class WorkerFields
{
    /// <summary>A hash over the fields and the worker's issues, so a new issue alone (another worker took the same
    /// email) also counts as a change.</summary>
    public static string Hash(SortedDictionary<string, string?> fields, IReadOnlyList<WorkerIssue> issues)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }
        foreach (var issue in issues)
        {
            text.Append("issue=").Append(issue.Code).Append(':').Append(issue.Message).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The names of the fields whose values differ, in order.</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => !string.Equals(before.GetValueOrDefault(k), after.GetValueOrDefault(k), StringComparison.Ordinal))];

    /// <summary>The next day on which the lifecycle changes by date alone, so a read re-derives it then.</summary>
    public static DateOnly? ReviewOn(Worker worker) => worker.Lifecycle switch
    {
        { State: LifecycleState.PendingStart, Since: { } start } => start,
        { Until: { } until } => until.AddDays(1),
        _ => null,
    };

}
