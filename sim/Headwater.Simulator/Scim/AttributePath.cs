using System.Text.Json.Nodes;

namespace Headwater.Simulator.Scim;

/// <summary>
/// An attribute path (RFC 7644 §3.5.2, §3.4.2.2): an optional extension schema URN (null for the resource's core
/// schema), the attribute, an optional value filter on the entries of a multi-valued attribute, and an optional
/// sub-attribute. <c>title</c>, <c>name.givenName</c>, <c>emails[type eq "work"].value</c>, <c>members[value eq "id"]</c>,
/// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value</c>.
/// </summary>
internal sealed record AttributePath(string? Schema, string Attribute, Filter? ValueFilter, string? Sub)
{
    private static readonly string[] CoreSchemas = ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"];

    /// <summary>RFC 7643 makes <c>id</c> and <c>externalId</c> case-exact; other strings compare in any case.</summary>
    public bool CaseExact => Schema is null && Sub is null && ValueFilter is null
        && (Attribute.Equals("id", StringComparison.OrdinalIgnoreCase) || Attribute.Equals("externalId", StringComparison.OrdinalIgnoreCase));

    public static AttributePath Parse(string text, string scimType = "invalidPath")
    {
        string? schema = null;
        var rest = text.Trim();
        if (rest.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            var bracket = rest.IndexOf('[', StringComparison.Ordinal);
            var colon = rest.LastIndexOf(':', bracket < 0 ? rest.Length - 1 : bracket);
            schema = rest[..colon];
            rest = rest[(colon + 1)..];
            if (CoreSchemas.Any(s => s.Equals(schema, StringComparison.OrdinalIgnoreCase)))
            {
                schema = null;
            }
        }
        var end = 0;
        while (end < rest.Length && rest[end] is not ('[' or '.'))
        {
            end++;
        }
        var attribute = rest[..end];
        Filter? filter = null;
        if (end < rest.Length && rest[end] == '[')
        {
            var close = Filter.ClosingBracket(rest, end);
            if (close < 0)
            {
                throw ScimException.BadRequest(scimType, $"'{text}' has no closing ']'.");
            }
            filter = Filter.Parse(rest[(end + 1)..close]);
            end = close + 1;
        }
        string? sub = null;
        if (end < rest.Length)
        {
            if (rest[end] != '.')
            {
                throw ScimException.BadRequest(scimType, $"'{text}' is not an attribute path.");
            }
            sub = rest[(end + 1)..];
        }
        if (!IsName(attribute) || (sub is not null && !IsName(sub)))
        {
            throw ScimException.BadRequest(scimType, $"'{text}' is not an attribute path.");
        }
        return new AttributePath(schema, attribute, filter, sub);
    }

    /// <summary>The values the path selects in <paramref name="resource"/>, with multi-valued attributes flattened:
    /// an entry's sub-attribute, else its <c>value</c> (or the entry itself when the path filters entries).</summary>
    public IEnumerable<JsonNode?> Select(JsonObject resource)
    {
        var container = Schema is null ? resource : resource[Schema] as JsonObject;
        var node = container?[Attribute];
        if (node is JsonArray entries)
        {
            foreach (var entry in entries)
            {
                if (ValueFilter is not null && (entry is not JsonObject e || !ValueFilter.Matches(e)))
                {
                    continue;
                }
                yield return entry is JsonObject o ? (Sub is not null ? o[Sub] : ValueFilter is not null ? o : o["value"]) : entry;
            }
        }
        else if (ValueFilter is null)
        {
            yield return Sub is null ? node : (node as JsonObject)?[Sub];
        }
    }

    private static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '$') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$');
}
