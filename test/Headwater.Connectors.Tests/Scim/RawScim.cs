using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>
/// Reads an attribute path out of a stored SCIM resource, written separately from the destination's own path handling
/// so the tests check what the server really holds: <c>a</c>, <c>a.b</c>, <c>a[type eq "t"].b</c>, each optionally
/// after an extension URN and ':'.
/// </summary>
public static partial class RawScim
{
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static string? Value(JsonObject resource, string path)
    {
        JsonObject? container = resource;
        var rest = path;
        if (path.StartsWith("urn:", StringComparison.Ordinal))
        {
            var colon = path.LastIndexOf(':');
            container = resource[path[..colon]] as JsonObject;
            rest = path[(colon + 1)..];
        }
        var match = Shape().Match(rest);
        Assert.True(match.Success, $"the test's path '{path}' is not one RawScim reads");
        var node = container?[match.Groups["attr"].Value];
        if (match.Groups["type"].Success)
        {
            node = (node as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e => e["type"]?.ToString() == match.Groups["type"].Value);
        }
        if (match.Groups["sub"].Success)
        {
            node = (node as JsonObject)?[match.Groups["sub"].Value];
        }
        return node?.ToString();
    }

    public static string? ManagerId(JsonObject resource) => resource[Enterprise]?["manager"]?["value"]?.ToString();

    public static bool Active(JsonObject resource) => resource["active"]?.GetValue<bool>() ?? true;

    public static IReadOnlyList<string> MemberIds(JsonObject group) =>
        [.. (group["members"] as JsonArray ?? []).Select(m => m!["value"]!.ToString())];

    [GeneratedRegex("""^(?<attr>\w+)(\[type eq "(?<type>[^"]*)"\])?(\.(?<sub>\w+))?$""")]
    private static partial Regex Shape();
}
