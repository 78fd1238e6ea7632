using Headwater.Core.Mapping;

namespace Headwater.Core.Tests.Mapping;

/// <summary>The attributes and lookup tables the expression tests evaluate against.</summary>
internal static class Sample
{
    public static IReadOnlyDictionary<string, string?> Attributes { get; } = new Dictionary<string, string?>
    {
        ["firstName"] = "Zoë",
        ["lastName"] = "Ørsted-Łukasz",
        ["preferredName"] = null,
        ["email"] = "Zoe.Orsted@Example.com",
        ["blank"] = "   ",
        ["emptyText"] = "",
        ["state"] = "Active",
        ["code"] = "FT",
        ["employment[ABC12].jobCode"] = "DEV",
        ["ukg.person.emailAddress"] = "zoe@personal.example",
        ["primary.orgLevel2.name"] = "Finance",
    };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Lookups { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["departments"] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["FIN"] = "Finance",
                ["ENG"] = "Engineering",
            },
            // Ordinal on purpose: keys still match ignoring case.
            ["countries"] = new Dictionary<string, string> { ["us"] = "United States" },
        };

    public static string? Evaluate(string expression) => Expression.Parse(expression).Evaluate(Attributes, Lookups);

    /// <summary>Evaluates with one attribute, <c>x</c>.</summary>
    public static string? EvaluateWith(string expression, string? x) =>
        Expression.Parse(expression).Evaluate(new Dictionary<string, string?> { ["x"] = x });
}
