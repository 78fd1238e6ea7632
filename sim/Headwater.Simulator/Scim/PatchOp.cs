using System.Text.Json.Nodes;

namespace Headwater.Simulator.Scim;

/// <summary>
/// Applies a PatchOp request (RFC 7644 §3.5.2) to a resource: <c>add</c>, <c>replace</c> and <c>remove</c>, with a
/// path (simple, <c>a.b</c>, value-filtered <c>a[filter]</c> or <c>a[filter].b</c>, any of them after an extension
/// URN) or without one (the value's attributes, extension objects merged). The caller applies it to a copy, so a
/// request that fails part way changes nothing.
/// </summary>
internal static class PatchOp
{
    public const string Schema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static void Apply(JsonObject resource, JsonObject request)
    {
        if (request["schemas"] is not JsonArray schemas || !schemas.Any(s => string.Equals(s?.ToString(), Schema, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.BadRequest("invalidSyntax", $"A PATCH body's schemas must include {Schema}.");
        }
        if (request["Operations"] is not JsonArray operations)
        {
            throw ScimException.BadRequest("invalidSyntax", "A PATCH body needs an 'Operations' array.");
        }
        foreach (var node in operations)
        {
            var op = (node as JsonObject)?["op"]?.ToString().ToLowerInvariant();
            if (op is not ("add" or "replace" or "remove"))
            {
                throw ScimException.BadRequest("invalidSyntax", $"'{op}' is not add, replace or remove.");
            }
            var value = node!["value"];
            if (node["path"]?.ToString() is { Length: > 0 } path)
            {
                At(resource, op, path, AttributePath.Parse(path), value);
            }
            else if (op == "remove")
            {
                throw ScimException.BadRequest("noTarget", "A remove needs a path.");
            }
            else if (value is JsonObject attributes)
            {
                foreach (var (key, child) in attributes)
                {
                    if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && child is JsonObject extension)
                    {
                        foreach (var (name, inner) in extension)
                        {
                            At(resource, op, key + ":" + name, AttributePath.Parse(key + ":" + name), inner);
                        }
                    }
                    else
                    {
                        At(resource, op, key, AttributePath.Parse(key), child);
                    }
                }
            }
            else
            {
                throw ScimException.BadRequest("invalidValue", $"Without a path, the value of {op} must be an object of attributes.");
            }
        }
    }

    private static void At(JsonObject resource, string op, string text, AttributePath path, JsonNode? value)
    {
        if (op == "replace" && value is null)
        {
            op = "remove";
        }
        var container = Container(resource, path.Schema, create: op != "remove");
        if (container is null)
        {
            return;
        }
        if (path.ValueFilter is not null)
        {
            Filtered(container, op, text, path, value);
            return;
        }
        var current = container[path.Attribute];
        if (path.Sub is { } sub)
        {
            if (current is JsonArray)
            {
                throw ScimException.BadRequest("invalidPath", $"'{text}': {path.Attribute} is multi-valued; select entries with a filter.");
            }
            var complex = current as JsonObject;
            if (op == "remove")
            {
                complex?.Remove(sub);
                if (complex is { Count: 0 })
                {
                    container.Remove(path.Attribute);
                }
                return;
            }
            if (complex is null)
            {
                container[path.Attribute] = complex = ScimResults.Object();
            }
            complex[sub] = Required(value, text);
            return;
        }
        switch (op, current, value)
        {
            case ("remove", JsonArray entries, JsonArray unwanted):
                foreach (var entry in entries.Where(e => unwanted.Any(u => Same(e, u))).ToList())
                {
                    entries.Remove(entry);
                }
                if (entries.Count == 0)
                {
                    container.Remove(path.Attribute);
                }
                break;
            case ("remove", _, _):
                container.Remove(path.Attribute);
                break;
            case ("add", JsonArray entries, _):
                foreach (var item in value is JsonArray added ? added.OfType<JsonNode>() : [Required(value, text)])
                {
                    if (!entries.Any(e => Same(e, item)))
                    {
                        entries.Add(item.DeepClone());
                    }
                }
                break;
            case (_, JsonObject complex, JsonObject subs):
                foreach (var (name, child) in subs)
                {
                    complex[name] = child?.DeepClone();
                }
                break;
            default:
                container[path.Attribute] = Required(value, text);
                break;
        }
    }

    /// <summary>An operation on the entries of a multi-valued attribute that match the path's filter. A replace that
    /// matches nothing is <c>noTarget</c>; an add that matches nothing creates the entry when the filter is a plain
    /// <c>eq</c> (as <c>emails[type eq "work"].value</c>); a remove that matches nothing does nothing.</summary>
    private static void Filtered(JsonObject container, string op, string text, AttributePath path, JsonNode? value)
    {
        var entries = container[path.Attribute] as JsonArray;
        var matches = entries?.OfType<JsonObject>().Where(path.ValueFilter!.Matches).ToList() ?? [];
        if (op == "remove")
        {
            foreach (var match in matches)
            {
                if (path.Sub is { } sub)
                {
                    match.Remove(sub);
                }
                else
                {
                    entries!.Remove(match);
                }
            }
            if (entries is { Count: 0 })
            {
                container.Remove(path.Attribute);
            }
            return;
        }
        if (matches.Count == 0)
        {
            if (op == "add" && path.Sub is not null && path.ValueFilter!.Equality is { } equality)
            {
                var entry = ScimResults.Object();
                entry[equality.Attribute] = equality.Value;
                entry[path.Sub] = Required(value, text);
                if (entries is null)
                {
                    container[path.Attribute] = entries = [];
                }
                entries.Add(entry);
                return;
            }
            throw ScimException.BadRequest("noTarget", $"No {path.Attribute} entry matches '{text}'.");
        }
        foreach (var match in matches)
        {
            if (path.Sub is { } sub)
            {
                match[sub] = Required(value, text);
            }
            else if (value is JsonObject subs)
            {
                foreach (var (name, child) in subs)
                {
                    match[name] = child?.DeepClone();
                }
            }
            else
            {
                throw ScimException.BadRequest("invalidValue", $"'{text}' selects entries; the value must be an object.");
            }
        }
    }

    private static JsonObject? Container(JsonObject resource, string? schema, bool create)
    {
        if (schema is null)
        {
            return resource;
        }
        if (resource[schema] is JsonObject extension)
        {
            return extension;
        }
        if (!create)
        {
            return null;
        }
        extension = ScimResults.Object();
        resource[schema] = extension;
        return extension;
    }

    private static JsonNode Required(JsonNode? value, string text) =>
        value?.DeepClone() ?? throw ScimException.BadRequest("invalidValue", $"The operation on '{text}' needs a value.");

    /// <summary>Entries are the same when their <c>value</c>s are (group members), or when equal throughout.</summary>
    private static bool Same(JsonNode? a, JsonNode? b) =>
        a is JsonObject x && b is JsonObject y && x["value"] is { } xv && y["value"] is { } yv
            ? string.Equals(xv.ToString(), yv.ToString(), StringComparison.Ordinal)
            : JsonNode.DeepEquals(a, b);
}
