using System.Globalization;
using Headwater.Configuration.Model;
using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Mapping;

namespace Headwater.Configuration;

/// <summary>
/// <c>mapping:</c> and <c>groups:</c>, bound from the document, written back, and checked. Attributes add to or replace
/// the kind's defaults by target; each is checked on its own by <see cref="Mapper.Create"/> so that its problems are
/// reported at its path.
/// </summary>
internal static class MappingSection
{
    private static readonly string[] Keys = ["defaults", "attributes", "lookups"];

    private static readonly string[] AttributeKeys = ["target", "value", "applies", "whenEmpty", "choices", "remove"];

    private static readonly string[] GroupKeys = ["from", "name"];

    private static readonly (string, MappingApplies)[] Applies = [("always", MappingApplies.Always), ("onCreate", MappingApplies.OnCreate)];

    private static readonly (string, WhenEmpty)[] WhenEmpties = [("clear", WhenEmpty.Clear), ("ignore", WhenEmpty.Ignore)];

    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> NoLookups = [];

    public static MappingConfig? Bind(ConfigReader reader, ConfigSection destination)
    {
        if (destination.Child("mapping", Keys) is not { } section)
        {
            return null;
        }
        var attributes = section.Has("attributes")
            ? section.List("attributes").Select(item => ConfigSection.Open(reader, item.Path, item.Node, AttributeKeys) is { } a
                ? new AttributeConfig(a.Text("target"), a.Text("value"), a.Text("applies"), a.Text("whenEmpty"), a.Texts("choices"), a.Text("remove"))
                : new AttributeConfig(null)).ToList()
            : null;
        List<LookupConfig>? lookups = null;
        if (section.Child("lookups", null) is { } tables)
        {
            lookups = [];
            foreach (var name in tables.Keys)
            {
                if (tables.Child(name, null) is { } table)
                {
                    var entries = table.Keys.Select(key => KeyValuePair.Create(key, table.Text(key))).Where(e => e.Value is not null);
                    lookups.Add(new LookupConfig(name, [.. entries.Select(e => KeyValuePair.Create(e.Key, e.Value!))]));
                }
                else if (!tables.Has(name))
                {
                    // "regions:" with nothing after it names a table with no entries, as "regions: {}" does.
                    lookups.Add(new LookupConfig(name, []));
                }
            }
        }
        return new MappingConfig(section.Text("defaults"), attributes, lookups);
    }

    public static ConfigMap? Write(MappingConfig? mapping)
    {
        if (mapping is null)
        {
            return null;
        }
        var attributes = mapping.Attributes?.Select(a => new ConfigMapBuilder().Text("target", a.Target).Text("value", a.Value)
            .Text("applies", a.Applies).Text("whenEmpty", a.WhenEmpty).Texts("choices", a.Choices).Bare("remove", a.Remove).Build(empty: true)!);
        var lookups = mapping.Lookups?.Aggregate(new ConfigMapBuilder(), (tables, table) => tables.Add(table.Name,
            table.Entries.Aggregate(new ConfigMapBuilder(), (entries, e) => entries.Text(e.Key, e.Value)).Build(empty: true)));
        return new ConfigMapBuilder().Bare("defaults", mapping.Defaults)
            .Add("attributes", attributes is null ? null : new ConfigList([.. attributes]))
            .Add("lookups", lookups?.Build(empty: true)).Build(empty: true);
    }

    public static (Mapper? Mapper, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Lookups) Validate(
        ConfigCheck destination, MappingConfig? written, DestinationKind kind, KindConfig? settings)
    {
        var reader = destination.Reader;
        var section = destination.Child("mapping");
        var before = reader.Problems.Count;
        var lookups = written?.Lookups is { } tables ? Lookups(section.Child("lookups"), tables) : NoLookups;
        var tableProblems = Problems(() => Mapper.Create([], lookups));
        foreach (var problem in tableProblems)
        {
            section.Problem("lookups", problem);
        }
        var mappings = (section.Bool("defaults", written?.Defaults) ?? true) ? (settings is null ? kind.DefaultMapping : kind.DefaultMappingFor(settings)).ToList() : [];
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (written?.Attributes?.Count ?? 0); i++)
        {
            var attribute = section.Item("attributes", i);
            var item = written!.Attributes![i];
            if (reader.Reported(attribute.Path) || attribute.Text("target", item.Target, required: true) is not { } target)
            {
                continue;
            }
            if (!targets.TryAdd(target, attribute.Path))
            {
                attribute.Problem("target", $"'{target}' is also the target of {targets[target]}");
            }
            var existing = mappings.FindIndex(m => string.Equals(m.Target, target, StringComparison.OrdinalIgnoreCase));
            if (attribute.Bool("remove", item.Remove) == true)
            {
                Remove(attribute, item, target, existing, mappings);
            }
            else if (Mapping(attribute, item, target, lookups, tableProblems) is { } mapping)
            {
                if (existing >= 0)
                {
                    mappings[existing] = mapping;
                }
                else
                {
                    mappings.Add(mapping);
                }
            }
        }
        foreach (var problem in kind.CheckMapping(mappings, settings))
        {
            destination.Problem("mapping", problem);
        }
        if (reader.Problems.Count > before)
        {
            return (null, lookups);
        }
        try
        {
            return (Mapper.Create(mappings, lookups), lookups);
        }
        catch (MappingException e)
        {
            foreach (var problem in e.Problems)
            {
                destination.Problem("mapping", problem);
            }
            return (null, lookups);
        }
    }

    public static IReadOnlyList<GroupConfig>? BindGroups(ConfigReader reader, ConfigSection destination) =>
        destination.Has("groups")
            ? [.. destination.List("groups").Select(item => ConfigSection.Open(reader, item.Path, item.Node, GroupKeys) is { } g
                ? new GroupConfig(g.Text("from"), g.Text("name"))
                : new GroupConfig(null))]
            : null;

    public static ConfigList? WriteGroups(IReadOnlyList<GroupConfig>? groups) => groups is null ? null
        : new ConfigList([.. groups.Select(g => new ConfigMapBuilder().Text("from", g.From).Text("name", g.Name).Build(empty: true)!)]);

    public static GroupRules? Groups(ConfigCheck destination, IReadOnlyList<GroupConfig>? written,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups)
    {
        var items = new List<ConfigCheck>();
        var rules = new List<GroupRule>();
        for (var i = 0; i < (written?.Count ?? 0); i++)
        {
            var check = destination.Item("groups", i);
            if (!check.Reader.Reported(check.Path)
                && check.Text("from", written![i].From, required: true) is { } from
                && (written[i].Name is { } given ? check.Text("name", given) : "{}") is { } name)
            {
                items.Add(check);
                rules.Add(new GroupRule(from, name));
            }
        }
        try
        {
            return GroupRules.Create(rules, lookups);
        }
        catch (MappingException e)
        {
            // Each problem starts "group n: ", except those of the lookup tables, reported with the mapping.
            foreach (var problem in e.Problems.Except(Problems(() => Mapper.Create([], lookups))))
            {
                var colon = problem.IndexOf(": ", StringComparison.Ordinal);
                var item = int.TryParse(problem.AsSpan(6, Math.Max(0, colon - 6)), CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= items.Count
                    ? items[n - 1]
                    : null;
                var message = item is null ? problem : problem[(colon + 2)..];
                if (item is null)
                {
                    destination.Problem("groups", message);
                }
                else
                {
                    item.Problem(message.StartsWith("the name ", StringComparison.Ordinal) ? "name" : "from", message);
                }
            }
            return null;
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Lookups(ConfigCheck lookups, IReadOnlyList<LookupConfig> written)
    {
        var tables = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var table in written)
        {
            var check = lookups.Child(table.Name);
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in table.Entries)
            {
                if (check.Text(key, value) is { } text)
                {
                    entries[key] = text;
                }
            }
            tables[table.Name] = entries;
        }
        return tables;
    }

    private static void Remove(ConfigCheck attribute, AttributeConfig written, string target, int existing, List<AttributeMapping> mappings)
    {
        string?[] others = [written.Value, written.Applies, written.WhenEmpty, written.Choices is null ? null : ""];
        var other = Array.FindIndex(others, o => o is not null);
        if (other >= 0)
        {
            attribute.Problem(AttributeKeys[other + 1], "an attribute with remove: true takes only its target");
        }
        if (existing < 0)
        {
            attribute.Problem("target", $"there is no default mapping for '{target}' to remove");
            return;
        }
        mappings.RemoveAt(existing);
    }

    private static AttributeMapping? Mapping(ConfigCheck attribute, AttributeConfig written, string target,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups, IReadOnlyList<string> tableProblems)
    {
        var value = attribute.Text("value", written.Value, required: true);
        var applies = attribute.Choice("applies", written.Applies, Applies);
        var whenEmpty = attribute.Choice("whenEmpty", written.WhenEmpty, WhenEmpties);
        var choices = attribute.Texts("choices", written.Choices);
        if (value is null || (written.Applies is not null && applies is null) || (written.WhenEmpty is not null && whenEmpty is null)
            || (written.Choices is not null && choices is null))
        {
            return null;
        }
        var mapping = new AttributeMapping(target, value, applies ?? MappingApplies.Always, whenEmpty ?? WhenEmpty.Clear, choices);
        var problems = Problems(() => Mapper.Create([mapping], lookups)).Except(tableProblems).ToList();
        foreach (var problem in problems)
        {
            // The mapper starts each problem with the target, which the path already names.
            var message = problem.StartsWith(target + ": ", StringComparison.Ordinal) ? problem[(target.Length + 2)..] : problem;
            attribute.Problem(message.StartsWith("the list of allowed values", StringComparison.Ordinal) ? "choices" : "value", message);
        }
        return problems.Count == 0 ? mapping : null;
    }

    private static IReadOnlyList<string> Problems(Action create)
    {
        try
        {
            create();
            return [];
        }
        catch (MappingException e)
        {
            return e.Problems;
        }
    }
}
