using Headwater.Configuration.Model;
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

    public static IReadOnlyList<ScopeRuleConfig>? Bind(ConfigReader reader, ConfigSection destination) =>
        destination.Has("scope")
            ? [.. destination.List("scope").Select(item => ConfigSection.Open(reader, item.Path, item.Node, Keys) is { } s
                ? new ScopeRuleConfig(s.Text("attribute"), s.Texts("in"), s.Texts("notIn"), s.Text("present"), s.Text("onOrAfter"),
                    s.Text("onOrBefore"), s.Text("matches"))
                : new ScopeRuleConfig(null))]
            : null;

    public static ConfigList? Write(IReadOnlyList<ScopeRuleConfig>? scope) => scope is null ? null : new ConfigList(
    [
        .. scope.Select(rule => new ConfigMapBuilder().Text("attribute", rule.Attribute).Texts("in", rule.In).Texts("notIn", rule.NotIn)
            .Bare("present", rule.Present).Text("onOrAfter", rule.OnOrAfter).Text("onOrBefore", rule.OnOrBefore)
            .Text("matches", rule.Matches).Build(empty: true)!),
    ]);

    public static WorkerScope? Validate(ConfigCheck destination, IReadOnlyList<ScopeRuleConfig>? scope)
    {
        var rules = new List<ScopeRule>();
        var ok = true;
        for (var i = 0; i < (scope?.Count ?? 0); i++)
        {
            var check = destination.Item("scope", i);
            var rule = check.Reader.Reported(check.Path) ? null : Rule(check, scope![i]);
            ok &= rule is not null;
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }
        return !ok ? null : rules.Count == 0 ? WorkerScope.Everyone : new WorkerScope(rules);
    }

    private static ScopeRule? Rule(ConfigCheck check, ScopeRuleConfig written)
    {
        var attribute = check.Text("attribute", written.Attribute, required: true);
        var given = Tests.Where(t => Written(written, t.Test) is not null).ToList();
        if (given.Count != 1)
        {
            check.Problem("attribute", given.Count == 0
                ? $"give one test: {TestList}"
                : $"give one test, not {string.Join(" and ", given.Select(t => t.Key))}");
            return null;
        }
        var (key, test) = given[0];
        IReadOnlyList<string>? values;
        switch (test)
        {
            case ScopeTest.Present:
                var present = check.Bool(key, written.Present);
                test = present == false ? ScopeTest.Absent : test;
                values = present is null ? null : [];
                break;
            case ScopeTest.In or ScopeTest.NotIn:
                values = check.Texts(key, (IReadOnlyList<string>?)Written(written, test));
                break;
            default:
                values = check.Text(key, (string?)Written(written, test)) is { } value ? [value] : null;
                break;
        }
        if (attribute is null || values is null)
        {
            return null;
        }
        var rule = ScopeRule.Create(attribute, test, values, out var problems);
        foreach (var problem in problems)
        {
            check.Problem(key, problem);
        }
        return rule;
    }

    private static object? Written(ScopeRuleConfig rule, ScopeTest test) => test switch
    {
        ScopeTest.In => rule.In,
        ScopeTest.NotIn => rule.NotIn,
        ScopeTest.Present => rule.Present,
        ScopeTest.OnOrAfter => rule.OnOrAfter,
        ScopeTest.OnOrBefore => rule.OnOrBefore,
        _ => rule.Matches,
    };
}
