using System.Collections.Concurrent;
using System.Globalization;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// Picks a new entry's unique values (uid, sAMAccountName, UPN, mail, CN) from its ordered candidates: the first
/// that no entry in the directory holds and no other create of this run has taken; when all are taken, the last
/// with a number (2, 3, …; before the '@' of an address). A value is held for the run from the moment it is picked,
/// so two hires with the same name creating at once can never both get it; a create that fails lets it go.
/// </summary>
internal sealed class UniqueValues
{
    /// <summary>Candidate targets are the attribute, then the attribute with <c>#2</c>, <c>#3</c>… in the mapping.</summary>
    public const char CandidateMark = '#';

    private const int MaxNumber = 999;

    private readonly ConcurrentDictionary<(string Attribute, string Value), string> _taken = new();

    public static bool IsCandidate(string target) => target.Contains(CandidateMark, StringComparison.Ordinal);

    public static string AttributeOf(string target) => target.Split(CandidateMark)[0];

    /// <summary>The candidates in the change for each attribute that has more than its own value, in order.</summary>
    public static Dictionary<string, List<string>> Candidates(IEnumerable<(string Target, string? Value)> values)
    {
        // Called for every create, and most attributes have one value: those take no sorting.
        var byAttribute = new Dictionary<string, List<(int Order, string Value)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (target, value) in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            var mark = target.IndexOf(CandidateMark, StringComparison.Ordinal);
            var attribute = mark < 0 ? target : target[..mark];
            var order = mark >= 0 && int.TryParse(target.AsSpan(mark + 1), CultureInfo.InvariantCulture, out var n) ? n : 1;
            if (!byAttribute.TryGetValue(attribute, out var list))
            {
                byAttribute[attribute] = list = new List<(int, string)>(1);
            }
            list.Add((order, value.Trim()));
        }
        var candidates = new Dictionary<string, List<string>>(byAttribute.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (attribute, list) in byAttribute)
        {
            candidates[attribute] = list.Count == 1 ? [list[0].Value]
                : [.. list.OrderBy(c => c.Order).Select(c => c.Value).Distinct(StringComparer.OrdinalIgnoreCase)];
        }
        return candidates;
    }

    /// <summary>The first of <paramref name="candidates"/> that is free, held for <paramref name="workerId"/>;
    /// null when even numbering runs out. <paramref name="inDirectory"/> says whether an entry holds a value;
    /// <paramref name="rule"/> makes a candidate a valid value (forbidden characters out, at most so long).</summary>
    public async Task<string?> Pick(string attribute, IReadOnlyList<string> candidates, string workerId, Func<string, Task<bool>> inDirectory,
        ValueRule? rule = null)
    {
        var cleaned = candidates.Select(c => rule?.Clean(c) ?? c).Where(c => c.Length > 0).ToList();
        foreach (var value in cleaned.Count == 0 ? [] : Numbered(cleaned, rule?.MaxLength ?? int.MaxValue))
        {
            var key = (attribute.ToUpperInvariant(), value.ToUpperInvariant());
            if (_taken.GetOrAdd(key, workerId) != workerId)
            {
                continue;
            }
            if (!await inDirectory(value))
            {
                return value;
            }
            _taken.TryRemove(new KeyValuePair<(string, string), string>(key, workerId));
        }
        return null;
    }

    /// <summary>Lets <paramref name="workerId"/>'s values go after their create failed.</summary>
    public void Release(string workerId)
    {
        foreach (var held in _taken.Where(p => p.Value == workerId).ToList())
        {
            _taken.TryRemove(held);
        }
    }

    private static IEnumerable<string> Numbered(IReadOnlyList<string> candidates, int maxLength)
    {
        foreach (var candidate in candidates)
        {
            yield return candidate;
        }
        var last = candidates[^1];
        var at = last.IndexOf('@', StringComparison.Ordinal);
        var (name, domain) = at < 0 ? (last, "") : (last[..at], last[at..]);
        for (var n = 2; n <= MaxNumber; n++)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            // A length limit shortens the name, never the number.
            var room = Math.Max(1, Math.Min(name.Length, maxLength - domain.Length - number.Length));
            yield return name[..room] + number + domain;
        }
    }
}

/// <summary>What a value of one attribute may hold: <see cref="Clean"/> takes out what is not allowed and keeps it
/// within <see cref="MaxLength"/>.</summary>
internal sealed record ValueRule(int MaxLength, string Forbidden)
{
    public string Clean(string value)
    {
        var kept = new string([.. value.Where(c => !Forbidden.Contains(c, StringComparison.Ordinal) && !char.IsControl(c))]).Trim().TrimEnd('.');
        return kept.Length > MaxLength ? kept[..MaxLength].TrimEnd('.', ' ') : kept;
    }
}
