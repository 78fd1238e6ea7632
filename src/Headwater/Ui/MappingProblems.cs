using System.Text.RegularExpressions;
using Headwater.Configuration;

namespace Headwater.Ui;

/// <summary>The problems of a Mapping page form, each where the page shows it: by attribute row; by lookup or group row
/// (<c>lookups[i]</c>, <c>groups[i]</c>) or beside those tables and the defaults switch (<c>lookups</c>, <c>groups</c>,
/// <c>defaults</c>); and the rest, for the whole form.</summary>
public sealed partial record MappingProblems(IReadOnlyDictionary<int, string[]> Rows, IReadOnlyDictionary<string, string[]> Tables,
    IReadOnlyList<string> Others)
{
    public static MappingProblems None { get; } = new(new Dictionary<int, string[]>(), new Dictionary<string, string[]>(), []);

    /// <summary>The validator's problems (none when <paramref name="e"/> is null) and the form's own lookup problems, placed.</summary>
    public static MappingProblems Assign(ConfigurationException? e, int index, MappingPlaces places)
    {
        ArgumentNullException.ThrowIfNull(places);
        var rows = new Dictionary<int, List<string>>();
        var tables = places.LookupProblems.ToDictionary(p => $"lookups[{p.Key}]", p => p.Value);
        var others = new List<string>();
        void Add<TKey>(Dictionary<TKey, List<string>> to, TKey key, string problem) where TKey : notnull =>
            (to.TryGetValue(key, out var list) ? list : to[key] = []).Add(problem);
        var prefix = $"destinations[{index}].";
        foreach (var problem in e?.Problems ?? [])
        {
            // "destinations[0].mapping.attributes[3].value: column 1: unknown function …"
            var parts = problem.Split(": ", 2);
            var path = parts.Length == 2 && parts[0].StartsWith(prefix, StringComparison.Ordinal) ? parts[0][prefix.Length..] : "";
            if (Item(path, "mapping.attributes[") is var (item, field) && item < places.Attributes.Count && places.Attributes[item] is { } row)
            {
                Add(rows, row, field.Length > 0 ? $"{field}: {parts[1]}" : parts[1]);
            }
            else if (Item(path, "groups[") is var (rule, part) && rule < places.Groups.Count)
            {
                Add(tables, $"groups[{places.Groups[rule]}]", part.Length > 0 ? $"{part}: {parts[1]}" : parts[1]);
            }
            else if (path.StartsWith("mapping.lookups.", StringComparison.Ordinal)
                && MappingTables.LookupRowOf(places.Lookups, path["mapping.lookups.".Length..]) is { } entry)
            {
                Add(tables, $"lookups[{entry}]", parts[1]);
            }
            else if (path is "mapping.lookups" or "groups" or "mapping.defaults")
            {
                Add(tables, path.Replace("mapping.", "", StringComparison.Ordinal), parts[1]);
            }
            else
            {
                others.Add(problem);
            }
        }
        RemovedTablesStillRead(e, places.Lookups, tables);
        return new(rows.ToDictionary(r => r.Key, r => r.Value.ToArray()), tables.ToDictionary(t => t.Key, t => t.Value.ToArray()), others);
    }

    /// <summary>A table whose every row is removed while an expression still reads it is refused beside the reader; it is
    /// said beside the table's first row too, with how to keep the table with no entries.</summary>
    private static void RemovedTablesStillRead(ConfigurationException? e, IReadOnlyList<LookupRow> rows,
        Dictionary<string, List<string>> tables)
    {
        var names = (e?.Problems ?? []).Select(p => MissingTable().Match(p)).Where(m => m.Success).Select(m => m.Groups[1].Value);
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var row = rows.ToList().FindIndex(r => r.Remove && string.Equals(r.Table.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (row >= 0)
            {
                (tables.TryGetValue($"lookups[{row}]", out var list) ? list : tables[$"lookups[{row}]"] = [])
                    .Add($"an expression reads the table '{name}': keep a row of it (its name alone keeps it with no entries)");
            }
        }
    }

    [GeneratedRegex("no lookup table named '([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex MissingTable();

    /// <summary>The item number and the field after it of a path such as <c>groups[2].from</c>, when it starts with
    /// <paramref name="list"/>.</summary>
    private static (int Item, string Field)? Item(string path, string list)
    {
        var close = path.IndexOf(']', StringComparison.Ordinal);
        return path.StartsWith(list, StringComparison.Ordinal) && close > list.Length
            && int.TryParse(path.AsSpan(list.Length, close - list.Length), out var item)
            ? (item, path[(close + 1)..].TrimStart('.'))
            : null;
    }
}
