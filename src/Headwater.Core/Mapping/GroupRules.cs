using Headwater.Core.Workers;

namespace Headwater.Core.Mapping;

/// <summary>
/// One way workers are grouped in a destination: <see cref="From"/> is an expression over the worker's attributes
/// (usually just one, such as <c>primary.orgLevel2.name</c>, <c>primary.locationName</c>, <c>primary.jobTitle</c> or
/// <c>roles</c>) and <see cref="Name"/> the group's name with <c>{}</c> standing for its value, e.g.
/// <c>Department: {}</c>.
/// </summary>
public sealed record GroupRule(string From, string Name = "{}");

/// <summary>
/// The destination groups a worker belongs to. A rule whose value is empty puts the worker in no group; a value
/// holding several names separated by ';' (as <c>roles</c> does) puts the worker in one group for each.
/// </summary>
public sealed class GroupRules
{
    private readonly Mapper? _mapper;

    private GroupRules(IReadOnlyList<GroupRule> rules, Mapper? mapper)
    {
        Rules = rules;
        _mapper = mapper;
    }

    public static GroupRules None { get; } = new([], null);

    public IReadOnlyList<GroupRule> Rules { get; }

    /// <exception cref="MappingException">Lists every rule whose expression does not parse, that names a missing
    /// lookup table, or whose name has no <c>{}</c> to put the value in.</exception>
    public static GroupRules Create(IReadOnlyList<GroupRule> rules, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? lookups = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            return None;
        }
        var problems = new List<string>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Name is not { } name || !name.Contains("{}", StringComparison.Ordinal))
            {
                problems.Add($"group {i + 1}: the name '{rules[i].Name}' needs {{}} where the value goes, e.g. 'Department: {{}}'");
            }
        }
        Mapper? mapper = null;
        try
        {
            mapper = Mapper.Create([.. rules.Select((r, i) => new AttributeMapping($"group {i + 1}", r.From))], lookups);
        }
        catch (MappingException e)
        {
            problems.AddRange(e.Problems);
        }
        return problems.Count > 0 ? throw new MappingException(problems) : new GroupRules(rules, mapper);
    }

    /// <summary>The group names for one worker, distinct ignoring case, in rule order.</summary>
    public IReadOnlyList<string> For(IReadOnlyDictionary<string, string?> attributes)
    {
        if (_mapper is null)
        {
            return [];
        }
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var values = _mapper.Map("", attributes).Values;
        for (var i = 0; i < values.Count; i++)
        {
            foreach (var value in (values[i].Value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var name = Rules[i].Name.Replace("{}", value, StringComparison.Ordinal);
                if (seen.Add(name))
                {
                    names.Add(name);
                }
            }
        }
        return names;
    }

    public IReadOnlyList<string> For(Worker worker) => For(WorkerAttributes.ForLookup(worker));
}
