using System.Text.RegularExpressions;

namespace Headwater.Connectors.Scim;

/// <summary>
/// One attribute path Headwater writes, parsed: an optional extension schema URN (null for the core User schema),
/// the attribute, an optional <c>type</c> filter for multi-valued attributes, and an optional sub-attribute.
/// <list type="bullet">
/// <item><c>title</c>, <c>userName</c>: a simple attribute;</item>
/// <item><c>name.givenName</c>: a sub-attribute of a complex one;</item>
/// <item><c>emails[type eq "work"].value</c>: the entry of that type in a multi-valued attribute;</item>
/// <item><c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department</c>, any other schema URN
/// followed by <c>:attribute</c> or <c>:attribute.sub</c>: an attribute of that extension's object.</item>
/// </list>
/// </summary>
public sealed partial record ScimPath(string? Schema, string Attribute, string? Type, string? Sub)
{
    /// <summary>The pseudo attribute a plan uses for the manager link; its value is a worker id, and the manager's
    /// account id is written instead.</summary>
    public const string Manager = "manager";

    public static readonly ScimPath EnterpriseManager = new(ScimSchemas.EnterpriseUser, "manager", null, "value");

    public bool IsMultiValued => Type is not null;

    /// <summary>The path as RFC 7644 §3.5.2 writes it in a PatchOp, e.g. <c>emails[type eq "work"].value</c>.</summary>
    public string PatchPath => (Schema is null ? "" : Schema + ":") + Attribute
        + (Type is null ? "" : $"[type eq {ScimFilter.Quote(Type)}]") + (Sub is null ? "" : "." + Sub);

    /// <summary>The path of the whole multi-valued entry, e.g. <c>emails[type eq "work"]</c>.</summary>
    public string EntryPath => (Schema is null ? "" : Schema + ":") + Attribute + $"[type eq {ScimFilter.Quote(Type ?? "")}]";

    /// <summary>The path of the attribute itself, without a sub-attribute or filter.</summary>
    public string AttributePath => (Schema is null ? "" : Schema + ":") + Attribute;

    public override string ToString() => PatchPath;

    /// <summary>Parses an attribute path; throws <see cref="ScimPathException"/> for one Headwater cannot write.</summary>
    public static ScimPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? schema = null;
        var rest = path.Trim();
        if (rest.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            var bracket = rest.IndexOf('[', StringComparison.Ordinal);
            var colon = rest.LastIndexOf(':', bracket < 0 ? rest.Length - 1 : bracket);
            if (colon <= 4 || colon == rest.Length - 1)
            {
                throw new ScimPathException(path, "a schema URN must be followed by ':' and an attribute name");
            }
            schema = rest[..colon];
            rest = rest[(colon + 1)..];
            if (schema.Equals(ScimSchemas.User, StringComparison.OrdinalIgnoreCase))
            {
                schema = null; // the core schema's own URN prefix is optional
            }
        }
        var match = Shape().Match(rest);
        if (!match.Success)
        {
            throw new ScimPathException(path, "expected attribute, attribute.sub or attribute[type eq \"...\"].sub");
        }
        var attribute = match.Groups["attr"].Value;
        var type = match.Groups["type"].Success ? Unescape(match.Groups["type"].Value) : null;
        var sub = match.Groups["sub"].Success ? match.Groups["sub"].Value : null;
        if (type is not null && sub is null)
        {
            sub = "value";
        }
        if (schema is null && attribute.ToUpperInvariant() is "ID" or "META" or "SCHEMAS")
        {
            throw new ScimPathException(path, $"'{attribute}' is set by the server, not written");
        }
        return new ScimPath(schema, attribute, type, sub);
    }

    private static string Unescape(string quoted) => quoted.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex("""^(?<attr>[A-Za-z$][\w$-]*)(\[\s*type\s+eq\s+"(?<type>(?:[^"\\]|\\.)*)"\s*\])?(\.(?<sub>[A-Za-z$][\w$-]*))?$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

/// <summary>An attribute path that is not one Headwater can write to a SCIM server.</summary>
public sealed class ScimPathException(string path, string reason)
    : Exception($"'{path}' is not a SCIM attribute path Headwater can write: {reason}.")
{
    public string Path { get; } = path;
}

/// <summary>Filter expressions (RFC 7644 §3.4.2.2).</summary>
public static class ScimFilter
{
    /// <summary>A JSON string literal for a filter: quotes and backslashes escaped.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Equal(string attribute, string value) => $"{attribute} eq {Quote(value)}";
}
