using System.Collections.Frozen;

namespace Headwater.Core.Mapping;

/// <summary>Lookup tables as the mapper keeps them: names and keys matched ignoring case.</summary>
internal static class LookupTables
{
    public static FrozenDictionary<string, IReadOnlyDictionary<string, string>> Normalise(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? lookups,
        List<string> problems)
    {
        var tables = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, entries) in lookups ?? FrozenDictionary<string, IReadOnlyDictionary<string, string>>.Empty)
        {
            if (!tables.TryAdd(name, Table(name, entries ?? FrozenDictionary<string, string>.Empty, problems)))
            {
                problems.Add($"lookup table '{name}' is defined twice (names ignore case)");
            }
        }
        return tables.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static string Describe(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tables) =>
        tables.Count == 0
            ? "no lookup tables are defined"
            : "the tables are " + string.Join(", ", tables.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));

    private static FrozenDictionary<string, string> Table(string name, IReadOnlyDictionary<string, string> entries, List<string> problems)
    {
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            if (table.TryGetValue(key, out var existing) && !string.Equals(existing, value, StringComparison.Ordinal))
            {
                problems.Add($"lookup table '{name}': the keys differing only in case from '{key}' have different values ('{existing}' and '{value}')");
            }
            table.TryAdd(key, value);
        }
        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
