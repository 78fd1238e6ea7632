using System.Text.Json;
using System.Text.Json.Nodes;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Scim;

/// <summary>
/// Writes attribute paths into a SCIM resource and reads them back. Attribute names match case-insensitively, as
/// RFC 7643 §2.1 has them. Extension attributes go in the extension's object, whose URN joins <c>schemas</c>; an
/// extension left empty is dropped along with its URN.
/// </summary>
public static class ScimResource
{
    private static readonly HashSet<string> NotAttributes = new(StringComparer.OrdinalIgnoreCase) { "id", "meta", "schemas", "groups", "active" };
    private static readonly HashSet<string> EntryBookkeeping = new(StringComparer.OrdinalIgnoreCase) { "type", "primary", "display", "$ref" };

    public static JsonObject NewUser() => new() { ["schemas"] = new JsonArray(ScimSchemas.User) };

    /// <summary>Sets (or, for null, removes) the attribute at <paramref name="path"/>.</summary>
    public static void Write(JsonObject resource, ScimPath path, string? value)
    {
        var container = path.Schema is null ? resource : Extension(resource, path.Schema, create: value is not null);
        if (container is null)
        {
            return; // clearing an attribute of an extension the resource does not have
        }
        if (path.Type is not null)
        {
            WriteEntry(container, path, value);
        }
        else if (path.Sub is not null)
        {
            var key = KeyOf(container, path.Attribute);
            var complex = container[key] as JsonObject;
            if (value is null)
            {
                complex?.Remove(KeyOf(complex, path.Sub));
            }
            else
            {
                complex ??= new JsonObject();
                complex[KeyOf(complex, path.Sub)] = value;
                container[key] = complex;
            }
            if (complex is { Count: 0 })
            {
                container.Remove(key);
            }
        }
        else if (value is null)
        {
            container.Remove(KeyOf(container, path.Attribute));
        }
        else
        {
            container[KeyOf(container, path.Attribute)] = value;
        }
        if (path.Schema is not null && container.Count == 0)
        {
            resource.Remove(KeyOf(resource, path.Schema));
            if (resource["schemas"] is JsonArray schemas)
            {
                foreach (var listed in schemas.Where(s => string.Equals(s?.ToString(), path.Schema, StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    schemas.Remove(listed);
                }
            }
        }
    }

    public static void SetActive(JsonObject resource, bool active) => resource[KeyOf(resource, "active")] = active;

    /// <summary>Every attribute of <paramref name="resource"/> by the paths <see cref="Write"/> takes, so a planner
    /// can compare: <c>name.givenName</c>, <c>emails[type eq "work"].value</c>, <c>urn:...:User:department</c>,
    /// <c>urn:...:User:manager.value</c>. Entries of multi-valued attributes without a <c>type</c> are left out.</summary>
    public static Dictionary<string, string?> Read(JsonObject resource)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, node) in resource)
        {
            if (node is null || NotAttributes.Contains(key))
            {
                continue;
            }
            if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && node is JsonObject extension)
            {
                var prefix = key.Equals(ScimSchemas.User, StringComparison.OrdinalIgnoreCase) ? "" : key + ":";
                foreach (var (name, child) in extension)
                {
                    ReadAttribute(values, prefix, name, child);
                }
                continue;
            }
            ReadAttribute(values, "", key, node);
        }
        return values;
    }

    /// <summary>The account as <see cref="IDestination"/> describes it. A resource without <c>active</c> is active.</summary>
    public static DestinationAccount ToAccount(JsonObject resource)
    {
        var attributes = Read(resource);
        var email = attributes.GetValueOrDefault("emails[type eq \"work\"].value") ?? PrimaryOrFirst(resource["emails"] as JsonArray);
        return new DestinationAccount(
            resource["id"]?.ToString() ?? "",
            attributes.GetValueOrDefault("externalId"),
            attributes.GetValueOrDefault("userName"),
            email,
            IsActive(resource),
            attributes);
    }

    public static bool IsActive(JsonObject resource) => resource[KeyOf(resource, "active")] switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => !string.Equals(v.GetValue<string>(), "false", StringComparison.OrdinalIgnoreCase),
        _ => true,
    };

    /// <summary>The property name as the object already spells it, or <paramref name="name"/> if it has none.</summary>
    internal static string KeyOf(JsonObject obj, string name)
    {
        if (obj.ContainsKey(name))
        {
            return name;
        }
        foreach (var (key, _) in obj)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }
        return name;
    }

    private static JsonObject? Extension(JsonObject resource, string schema, bool create)
    {
        var key = KeyOf(resource, schema);
        if (resource[key] is JsonObject existing)
        {
            return existing;
        }
        if (!create)
        {
            return null;
        }
        var extension = new JsonObject();
        resource[key] = extension;
        if (resource["schemas"] is not JsonArray schemas)
        {
            resource["schemas"] = schemas = new JsonArray(ScimSchemas.User);
        }
        if (!schemas.Any(s => string.Equals(s?.ToString(), schema, StringComparison.OrdinalIgnoreCase)))
        {
            schemas.Add(schema);
        }
        return extension;
    }

    private static void WriteEntry(JsonObject container, ScimPath path, string? value)
    {
        var key = KeyOf(container, path.Attribute);
        var array = container[key] as JsonArray;
        var entry = array?.OfType<JsonObject>().FirstOrDefault(e => string.Equals(e["type"]?.ToString(), path.Type, StringComparison.OrdinalIgnoreCase));
        var sub = path.Sub ?? "value";
        if (value is null)
        {
            if (array is null || entry is null)
            {
                return;
            }
            entry.Remove(KeyOf(entry, sub));
            if (entry.All(p => EntryBookkeeping.Contains(p.Key)))
            {
                array.Remove(entry);
            }
            if (array.Count == 0)
            {
                container.Remove(key);
            }
            return;
        }
        if (array is null)
        {
            container[key] = array = [];
        }
        if (entry is null)
        {
            entry = new JsonObject { ["type"] = path.Type };
            if (!array.OfType<JsonObject>().Any(e => e["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True))
            {
                entry["primary"] = true;
            }
            array.Add(entry);
        }
        entry[KeyOf(entry, sub)] = value;
    }

    private static void ReadAttribute(Dictionary<string, string?> values, string prefix, string name, JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value:
                values[prefix + name] = Scalar(value);
                break;
            case JsonObject complex:
                foreach (var (sub, child) in complex)
                {
                    if (child is JsonValue v && sub != "$ref")
                    {
                        values[$"{prefix}{name}.{sub}"] = Scalar(v);
                    }
                }
                break;
            case JsonArray array:
                foreach (var entry in array.OfType<JsonObject>())
                {
                    if (entry["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
                    {
                        continue;
                    }
                    foreach (var (sub, child) in entry)
                    {
                        var path = $"{prefix}{name}[type eq {ScimFilter.Quote(type.GetValue<string>())}].{sub}";
                        if (child is JsonValue v && !EntryBookkeeping.Contains(sub) && !values.ContainsKey(path))
                        {
                            values[path] = Scalar(v);
                        }
                    }
                }
                break;
            default:
                break;
        }
    }

    private static string? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => value.ToJsonString(),
    };

    private static string? PrimaryOrFirst(JsonArray? emails)
    {
        var entries = emails?.OfType<JsonObject>().ToList() ?? [];
        var primary = entries.FirstOrDefault(e => e["primary"] is JsonValue p && (p.GetValueKind() == JsonValueKind.True
            || string.Equals(p.ToString(), "true", StringComparison.OrdinalIgnoreCase)));
        return (primary ?? entries.FirstOrDefault())?["value"]?.ToString();
    }
}
