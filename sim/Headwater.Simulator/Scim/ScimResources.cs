using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Headwater.Simulator.Scim;

/// <summary>A resource type the simulator serves, with the attribute that must be present and unique (compared in
/// any case).</summary>
internal sealed record ScimResourceType(string Name, string Endpoint, string Schema, string UniqueAttribute)
{
    public static readonly ScimResourceType User = new("User", "Users", "urn:ietf:params:scim:schemas:core:2.0:User", "userName");
    public static readonly ScimResourceType Group = new("Group", "Groups", "urn:ietf:params:scim:schemas:core:2.0:Group", "displayName");
}

/// <summary>
/// The resources of one type, in memory, in creation order (which is the list order). One lock guards them; every
/// resource goes in and comes out as a copy, so callers never share a node with the store. A name index keeps the
/// unique attribute unique and answers <c>userName eq "…"</c> (or <c>displayName eq</c>) without a scan.
/// </summary>
internal sealed class ScimResources(ScimResourceType type, TimeProvider time)
{
    private static readonly HashSet<string> ServerOwned = new(StringComparer.OrdinalIgnoreCase) { "schemas", "id", "meta", "groups", "password" };
    private readonly Lock _lock = new();
    private readonly OrderedDictionary<string, JsonObject> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idsByName = new(StringComparer.OrdinalIgnoreCase);

    public ScimResourceType Type => type;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _resources.Count;
            }
        }
    }

    public JsonObject Create(JsonObject body)
    {
        var name = UniqueName(body);
        lock (_lock)
        {
            EnsureFree(name, null);
            var id = Guid.NewGuid().ToString();
            var now = Now();
            var resource = Build(body, id, now, now);
            _resources.Add(id, resource);
            _idsByName[name] = id;
            return resource.DeepClone().AsObject();
        }
    }

    public JsonObject? Get(string id)
    {
        lock (_lock)
        {
            return _resources.TryGetValue(id, out var resource) ? resource.DeepClone().AsObject() : null;
        }
    }

    /// <summary>PUT: everything the client may write is replaced by the body.</summary>
    public JsonObject Replace(string id, JsonObject body) => Change(id, _ => body);

    /// <summary>PATCH: the operations are applied to a copy, which replaces the stored resource only if all succeed.</summary>
    public JsonObject Patch(string id, JsonObject request) => Change(id, copy =>
    {
        PatchOp.Apply(copy, request);
        return copy;
    });

    public bool Delete(string id)
    {
        lock (_lock)
        {
            if (!_resources.Remove(id, out var resource))
            {
                return false;
            }
            _idsByName.Remove(resource[type.UniqueAttribute]!.GetValue<string>());
            return true;
        }
    }

    /// <summary>The resources matching <paramref name="filter"/> from the 1-based <paramref name="startIndex"/>, at
    /// most <paramref name="count"/> of them, and how many match in all.</summary>
    public (int Total, List<JsonObject> Page) List(Filter? filter, int startIndex, int count)
    {
        lock (_lock)
        {
            IReadOnlyList<JsonObject> matching;
            if (filter is null)
            {
                var page = new List<JsonObject>();
                for (var i = startIndex - 1; i < _resources.Count && page.Count < count; i++)
                {
                    page.Add(_resources.GetAt(i).Value.DeepClone().AsObject());
                }
                return (_resources.Count, page);
            }
            if (filter.Equality is { } equality && equality.Attribute.Equals(type.UniqueAttribute, StringComparison.OrdinalIgnoreCase))
            {
                matching = _idsByName.TryGetValue(equality.Value, out var id) ? [_resources[id]] : [];
            }
            else
            {
                matching = [.. _resources.Values.Where(filter.Matches)];
            }
            return (matching.Count, [.. matching.Skip(startIndex - 1).Take(count).Select(r => r.DeepClone().AsObject())]);
        }
    }

    public List<JsonObject> Snapshot()
    {
        lock (_lock)
        {
            return [.. _resources.Values.Select(r => r.DeepClone().AsObject())];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _resources.Clear();
            _idsByName.Clear();
        }
    }

    /// <summary>Takes <paramref name="memberId"/> out of every resource's <c>members</c> (for a deleted user).</summary>
    public void RemoveMember(string memberId)
    {
        lock (_lock)
        {
            foreach (var resource in _resources.Values)
            {
                if (resource["members"] is JsonArray members
                    && members.Where(m => m?["value"]?.ToString() == memberId).ToList() is { Count: > 0 } gone)
                {
                    gone.ForEach(m => members.Remove(m));
                    resource["meta"]!["lastModified"] = Now();
                }
            }
        }
    }

    private JsonObject Change(string id, Func<JsonObject, JsonObject> change)
    {
        lock (_lock)
        {
            if (!_resources.TryGetValue(id, out var stored))
            {
                throw ScimException.NotFound(type.Endpoint, id);
            }
            var body = change(stored.DeepClone().AsObject());
            var name = UniqueName(body);
            EnsureFree(name, id);
            var resource = Build(body, id, stored["meta"]!["created"]!.GetValue<string>(), Now());
            _resources[id] = resource;
            _idsByName.Remove(stored[type.UniqueAttribute]!.GetValue<string>());
            _idsByName[name] = id;
            return resource.DeepClone().AsObject();
        }
    }

    private void EnsureFree(string name, string? id)
    {
        if (_idsByName.TryGetValue(name, out var holder) && holder != id)
        {
            throw new ScimException(StatusCodes.Status409Conflict, "uniqueness", $"{type.UniqueAttribute} '{name}' is already in use.");
        }
    }

    private string UniqueName(JsonObject body) =>
        body[type.UniqueAttribute] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length > 0
            ? v.GetValue<string>()
            : throw ScimException.BadRequest("invalidValue", $"Required attribute '{type.UniqueAttribute}' is missing or empty.");

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// The stored form of a body: <c>schemas</c> (the core schema and every extension present), <c>id</c>, the client's
    /// attributes (nulls and empty objects dropped, <c>"True"</c>/<c>"False"</c> strings in <c>active</c> and
    /// <c>primary</c> read as booleans), then <c>meta</c>. Server-owned attributes in the body are ignored.
    /// </summary>
    private JsonObject Build(JsonObject body, string id, string created, string lastModified)
    {
        var resource = ScimResults.Object();
        var schemas = new JsonArray(type.Schema);
        resource["schemas"] = schemas;
        resource["id"] = id;
        foreach (var (key, value) in body)
        {
            if (ServerOwned.Contains(key) || Pruned(value?.DeepClone()) is not { } kept)
            {
                continue;
            }
            resource[key] = key.Equals("active", StringComparison.OrdinalIgnoreCase) ? Boolean(kept) : kept;
            if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && kept is JsonObject)
            {
                schemas.Add(key);
            }
        }
        resource["meta"] = new JsonObject
        {
            ["resourceType"] = type.Name,
            ["created"] = created,
            ["lastModified"] = lastModified,
        };
        return resource;
    }

    /// <summary>The node without null members, empty objects or empty arrays; null when nothing is left.</summary>
    private static JsonNode? Pruned(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (Pruned(child) is null)
                    {
                        obj.Remove(key);
                    }
                    else if (key.Equals("primary", StringComparison.OrdinalIgnoreCase) && Boolean(child!) is var flag && flag != child)
                    {
                        obj[key] = flag;
                    }
                }
                return obj.Count == 0 ? null : obj;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (Pruned(array[i]) is null)
                    {
                        array.RemoveAt(i);
                    }
                }
                return array.Count == 0 ? null : array;
            default:
                return node;
        }
    }

    private static JsonNode Boolean(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && bool.TryParse(v.GetValue<string>(), out var flag)
            ? JsonValue.Create(flag)
            : node;
}
