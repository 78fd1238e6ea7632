using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Mapping;

namespace Headwater.Configuration;

/// <summary>
/// <c>mapping:</c> and <c>groups:</c>. Attributes add to or replace the kind's defaults by target; each is checked
/// on its own by <see cref="Mapper.Create"/> so that its problems are reported at its path.
/// </summary>
internal static class MappingSection
{
    private static readonly string[] Keys = ["defaults", "attributes", "lookups"];

    private static readonly string[] AttributeKeys = ["target", "value", "applies", "whenEmpty", "choices", "remove"];

    private static readonly string[] GroupKeys = ["from", "name"];

    private static readonly (string, MappingApplies)[] Applies = [("always", MappingApplies.Always), ("onCreate", MappingApplies.OnCreate)];

    private static readonly (string, WhenEmpty)[] WhenEmpties = [("clear", WhenEmpty.Clear), ("ignore", WhenEmpty.Ignore)];

    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> NoLookups = [];

    public static (Mapper? Mapper, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Lookups) Read(
        ConfigReader reader, ConfigSection destination, DestinationKind kind)
    {
        var section = destination.Child("mapping", Keys);
        var before = reader.Problems.Count;
        var lookups = section is null ? NoLookups : Lookups(reader, section);
        var tableProblems = Problems(() => Mapper.Create([], lookups));
        foreach (var problem in tableProblems)
        {
            section!.Problem("lookups", problem);
        }
        var mappings = (section?.Bool("defaults") ?? true) ? kind.DefaultMapping.ToList() : [];
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, node) in section?.List("attributes") ?? [])
        {
            if (ConfigSection.Open(reader, path, node, AttributeKeys) is not { } attribute
                || attribute.Text("target", required: true) is not { } target)
            {
                continue;
            }
            if (!targets.TryAdd(target, path))
            {
                attribute.Problem("target", $"'{target}' is also the target of {targets[target]}");
            }
            var existing = mappings.FindIndex(m => string.Equals(m.Target, target, StringComparison.OrdinalIgnoreCase));
            if (attribute.Bool("remove") == true)
            {
                Remove(attribute, target, existing, mappings);
            }
            else if (Mapping(attribute, target, lookups, tableProblems) is { } mapping)
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
        foreach (var problem in kind.CheckMapping(mappings))
        {
            reader.Add(destination.At("mapping"), section?.Node, problem);
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
                reader.Add(destination.At("mapping"), section?.Node, problem);
            }
            return (null, lookups);
        }
    }

    public static GroupRules? Groups(ConfigReader reader, ConfigSection destination, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups)
    {
        var items = new List<ConfigSection>();
        var rules = new List<GroupRule>();
        foreach (var (path, node) in destination.List("groups"))
        {
            if (ConfigSection.Open(reader, path, node, GroupKeys) is { } section
                && section.Text("from", required: true) is { } from
                && (section.Has("name") ? section.Text("name") : "{}") is { } name)
            {
                items.Add(section);
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
                var item = int.TryParse(problem.AsSpan(6, Math.Max(0, colon - 6)), System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= items.Count
                    ? items[n - 1]
                    : null;
                var message = item is null ? problem : problem[(colon + 2)..];
                if (item is null)
                {
                    reader.Add(destination.At("groups"), destination.Value("groups"), message);
                }
                else
                {
                    item.Problem(message.StartsWith("the name ", StringComparison.Ordinal) ? "name" : "from", message);
                }
            }
            return null;
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Lookups(ConfigReader reader, ConfigSection mapping)
    {
        var tables = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (mapping.Child("lookups", null) is not { } section)
        {
            return tables;
        }
        foreach (var name in section.Keys)
        {
            if (section.Child(name, null) is not { } table)
            {
                continue;
            }
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in table.Keys)
            {
                if (table.Text(key) is { } value)
                {
                    entries[key] = value;
                }
            }
            tables[name] = entries;
        }
        return tables;
    }

    private static void Remove(ConfigSection attribute, string target, int existing, List<AttributeMapping> mappings)
    {
        var others = AttributeKeys.Where(k => k is not ("target" or "remove") && attribute.Written(k)).ToList();
        if (others.Count > 0)
        {
            attribute.Problem(others[0], "an attribute with remove: true takes only its target");
        }
        if (existing < 0)
        {
            attribute.Problem("target", $"there is no default mapping for '{target}' to remove");
            return;
        }
        mappings.RemoveAt(existing);
    }

    private static AttributeMapping? Mapping(ConfigSection attribute, string target, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups, IReadOnlyList<string> tableProblems)
    {
        var value = attribute.Text("value", required: true);
        var applies = attribute.Choice("applies", Applies);
        var whenEmpty = attribute.Choice("whenEmpty", WhenEmpties);
        var choices = attribute.Texts("choices");
        if (value is null || (attribute.Has("applies") && applies is null) || (attribute.Has("whenEmpty") && whenEmpty is null)
            || (attribute.Has("choices") && choices is null))
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
