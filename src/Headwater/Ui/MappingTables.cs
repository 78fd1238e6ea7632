using System.Globalization;
using Headwater.Configuration.Model;
using Microsoft.AspNetCore.Http;

namespace Headwater.Ui;

/// <summary>One entry of a lookup table as the Mapping page edits it: the table's name, a key and the value it gives. A row
/// with the table's name alone keeps the table even with no entries, as <c>name: {}</c> does in the file.</summary>
public sealed record LookupRow(string Table, string Key, string Value, bool Remove = false)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Table) && string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Value);

    public bool NamesTableAlone => !string.IsNullOrWhiteSpace(Table) && string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Value);

    public bool Kept => !Remove && !IsBlank;
}

/// <summary>One <c>groups:</c> rule as the Mapping page edits it: the expression giving the value, and the group's name.</summary>
public sealed record GroupRow(string From, string Name, bool Remove = false)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(Name);

    public bool Kept => !Remove && !IsBlank;

    public GroupConfig ToConfig() => new(From.Trim(), string.IsNullOrWhiteSpace(Name) ? null : Name.Trim());
}

/// <summary>
/// <c>mapping.lookups</c> and <c>groups:</c> as the Mapping page edits them: one row per table entry (the table named
/// on each, so a table is added by naming it and removed with its last row; a table with no entries is a row with its
/// name alone) and one row per group rule.
/// </summary>
public static class MappingTables
{
    /// <summary>Blank rows offered for adding entries or rules.</summary>
    public const int Spare = 2;

    public static List<LookupRow> LookupsOf(MappingConfig? mapping) =>
        [.. (mapping?.Lookups ?? []).SelectMany(t => t.Entries.Count > 0
            ? t.Entries.Select(e => new LookupRow(t.Name, e.Key, e.Value))
            : [new LookupRow(t.Name, "", "")])];

    public static List<GroupRow> GroupsOf(IReadOnlyList<GroupConfig>? groups) =>
        [.. (groups ?? []).Select(g => new GroupRow(g.From ?? "", g.Name ?? ""))];

    public static string LookupField(int row, string name) => string.Create(CultureInfo.InvariantCulture, $"Lookups[{row}].{name}");

    public static string GroupField(int row, string name) => string.Create(CultureInfo.InvariantCulture, $"Groups[{row}].{name}");

    public static List<LookupRow> ReadLookups(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rows = new List<LookupRow>();
        for (var i = 0; form.ContainsKey(LookupField(i, "Table")); i++)
        {
            string Get(string name) => form[LookupField(i, name)].ToString();
            rows.Add(new(Get("Table"), Get("Key"), Get("Value"), form.ContainsKey(LookupField(i, "Remove"))));
        }
        return rows;
    }

    public static List<GroupRow> ReadGroups(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rows = new List<GroupRow>();
        for (var i = 0; form.ContainsKey(GroupField(i, "From")); i++)
        {
            rows.Add(new(form[GroupField(i, "From")].ToString(), form[GroupField(i, "Name")].ToString(),
                form.ContainsKey(GroupField(i, "Remove"))));
        }
        return rows;
    }

    /// <summary>The tables the kept rows make, in the order they are first named; null when there are none. A table's
    /// name is matched ignoring case, as <c>lookup()</c> matches it; a row with the name alone makes the table without
    /// adding an entry. A key given twice in one table, or an entry with no table or key, is a problem of its row (which a
    /// YAML document could not hold), in <paramref name="problems"/>.</summary>
    public static IReadOnlyList<LookupConfig>? ToLookups(IReadOnlyList<LookupRow> rows, Dictionary<int, List<string>> problems)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(problems);
        var tables = new List<(string Name, List<KeyValuePair<string, string>> Entries, Dictionary<string, int> Rows)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!rows[i].Kept)
            {
                continue;
            }
            var (name, key) = (rows[i].Table.Trim(), rows[i].Key.Trim());
            if (name.Length == 0 || (key.Length == 0 && !rows[i].NamesTableAlone))
            {
                (problems.TryGetValue(i, out var list) ? list : problems[i] = []).Add(name.Length == 0 ? "name the table" : "give the key");
                continue;
            }
            var at = tables.FindIndex(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                tables.Add((name, [], new Dictionary<string, int>(StringComparer.Ordinal)));
                at = tables.Count - 1;
            }
            if (rows[i].NamesTableAlone)
            {
                continue;
            }
            if (!tables[at].Rows.TryAdd(key, i))
            {
                var first = tables[at].Rows[key] + 1;
                (problems.TryGetValue(i, out var list) ? list : problems[i] = []).Add($"'{key}' is also a key of this table in row {first}");
                continue;
            }
            tables[at].Entries.Add(KeyValuePair.Create(key, rows[i].Value.Trim()));
        }
        return tables.Count > 0 ? [.. tables.Select(t => new LookupConfig(t.Name, t.Entries))] : null;
    }

    /// <summary>The rules the kept rows make (null when none); <paramref name="ruleRows"/> gives each rule's row.</summary>
    public static IReadOnlyList<GroupConfig>? ToGroups(IReadOnlyList<GroupRow> rows, out List<int> ruleRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ruleRows = [.. Enumerable.Range(0, rows.Count).Where(i => rows[i].Kept)];
        return ruleRows.Count > 0 ? [.. ruleRows.Select(i => rows[i].ToConfig())] : null;
    }

    /// <summary>The row of the lookup entry at <paramref name="path"/> (<c>table.key</c>), or of its table's first entry.</summary>
    public static int? LookupRowOf(IReadOnlyList<LookupRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var at = Enumerable.Range(0, rows.Count).Where(i => rows[i].Kept).ToList();
        var entry = at.FindIndex(i => string.Equals($"{rows[i].Table.Trim()}.{rows[i].Key.Trim()}", path, StringComparison.Ordinal));
        var table = at.FindIndex(i => string.Equals(rows[i].Table.Trim(), path, StringComparison.OrdinalIgnoreCase));
        return entry >= 0 ? at[entry] : table >= 0 ? at[table] : null;
    }
}
