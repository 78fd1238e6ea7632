using Headwater.Core.Configuration;
using Headwater.Core.Scoping;

namespace Headwater.Configuration;

/// <summary><c>scope:</c>, a list of rules that must all hold, each an attribute and one test.</summary>
internal static class ScopeSection
{
    private static readonly (string Key, ScopeTest Test)[] Tests =
    [
        ("in", ScopeTest.In), ("notIn", ScopeTest.NotIn), ("present", ScopeTest.Present),
        ("onOrAfter", ScopeTest.OnOrAfter), ("onOrBefore", ScopeTest.OnOrBefore), ("matches", ScopeTest.Matches),
    ];

    private static readonly string[] Keys = ["attribute", .. Tests.Select(t => t.Key)];

    private static readonly string TestList = string.Join(", ", Tests.Select(t => t.Key));

    public static WorkerScope? Read(ConfigReader reader, ConfigSection destination)
    {
        var rules = new List<ScopeRule>();
        var ok = true;
        foreach (var (path, node) in destination.List("scope"))
        {
            var rule = ConfigSection.Open(reader, path, node, Keys) is { } section ? Rule(section) : null;
            ok &= rule is not null;
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }
        return !ok ? null : rules.Count == 0 ? WorkerScope.Everyone : new WorkerScope(rules);
    }

    private static ScopeRule? Rule(ConfigSection section)
    {
        var attribute = section.Text("attribute", required: true);
        var given = Tests.Where(t => section.Written(t.Key)).ToList();
        if (given.Count != 1)
        {
            section.Problem("attribute", given.Count == 0
                ? $"give one test: {TestList}"
                : $"give one test, not {string.Join(" and ", given.Select(t => t.Key))}");
            return null;
        }
        var (key, test) = given[0];
        IReadOnlyList<string>? values;
        switch (test)
        {
            case ScopeTest.Present:
                var present = section.Bool(key);
                if (present is null && !section.Has(key))
                {
                    section.Problem(key, "write true or false");
                }
                test = present == false ? ScopeTest.Absent : test;
                values = present is null ? null : [];
                break;
            case ScopeTest.In or ScopeTest.NotIn:
                values = section.Texts(key) ?? (section.Has(key) ? null : []);
                break;
            default:
                values = section.Text(key) is { } value ? [value] : section.Has(key) ? null : [];
                break;
        }
        if (attribute is null || values is null)
        {
            return null;
        }
        var rule = ScopeRule.Create(attribute, test, values, out var problems);
        foreach (var problem in problems)
        {
            section.Problem(key, problem);
        }
        return rule;
    }
}
