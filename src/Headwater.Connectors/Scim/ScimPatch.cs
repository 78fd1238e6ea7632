using System.Text.Json.Nodes;

namespace Headwater.Connectors.Scim;

/// <summary>One attribute to change, by parsed path; for the manager link, the account ids. <paramref name="Force"/>
/// marks a change whose old value is not known (a plan's manager link names workers, not accounts): it is always sent.
/// <paramref name="OldIsCurrent"/> marks an old value just read from the account rather than taken from a plan.</summary>
public sealed record ScimChange(ScimPath Path, string? Old, string? New, bool Force = false, bool OldIsCurrent = false)
{
    /// <summary>The enterprise extension's manager (as <c>...:User:manager</c> or <c>...:User:manager.value</c>).</summary>
    public bool IsManager => string.Equals(Path.Schema, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase)
        && Path.Attribute.Equals("manager", StringComparison.OrdinalIgnoreCase) && Path.Type is null
        && (Path.Sub is null || Path.Sub.Equals("value", StringComparison.OrdinalIgnoreCase));

    public bool Changes => Force || !string.Equals(Old, New, StringComparison.Ordinal);
}

/// <summary>
/// PatchOp requests (RFC 7644 §3.5.2) for a set of changes, in shapes strict servers accept:
/// <list type="bullet">
/// <item>a value set: <c>replace</c> on its path; a value cleared: <c>remove</c> on its path;</item>
/// <item>a typed entry of a multi-valued attribute: a filtered <c>replace</c>, e.g. <c>emails[type eq "work"].value</c>,
/// which a server answers with <c>noTarget</c> when there is no such entry; only when the account was just read and
/// has no such entry, an <c>add</c> of the whole entry (an <c>add</c> on a plan's word alone could duplicate an entry
/// the plan did not know of); cleared: <c>remove</c> of the whole entry, e.g. <c>emails[type eq "work"]</c>;</item>
/// <item>the manager: <c>replace</c> of <c>...:User:manager</c> with <c>{"value": id}</c>, since servers differ on
/// sub-attribute paths inside extensions; other extension sub-attributes: a path-less <c>replace</c> that merges;</item>
/// <item>active: <c>replace</c> with a JSON boolean (the client turns it into a string if the profile says so).</item>
/// </list>
/// </summary>
public static class ScimPatch
{
    public static JsonObject Request(IEnumerable<JsonObject> operations) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.PatchOp),
        ["Operations"] = new JsonArray([.. operations]),
    };

    public static List<JsonObject> Operations(IEnumerable<ScimChange> changes, bool? active)
    {
        var operations = new List<JsonObject>();
        foreach (var change in changes.Where(c => c.Changes))
        {
            operations.Add(Operation(change));
        }
        if (active is { } flag)
        {
            operations.Add(Op("replace", "active", JsonValue.Create(flag)));
        }
        return operations;
    }

    private static JsonObject Operation(ScimChange change)
    {
        var path = change.Path;
        if (change.IsManager)
        {
            var manager = ScimSchemas.EnterpriseUser + ":manager";
            return change.New is null ? Op("remove", manager) : Op("replace", manager, new JsonObject { ["value"] = change.New });
        }
        if (path.IsMultiValued)
        {
            var sub = path.Sub ?? "value";
            var isValue = sub.Equals("value", StringComparison.OrdinalIgnoreCase);
            if (change.New is null)
            {
                return Op("remove", isValue ? path.EntryPath : path.PatchPath);
            }
            if (change.Old is null && change.OldIsCurrent)
            {
                var entry = new JsonObject { ["type"] = path.Type, [sub] = change.New };
                if (isValue)
                {
                    entry["primary"] = true;
                }
                return Op("add", path.AttributePath, new JsonArray(entry));
            }
            return Op("replace", path.PatchPath, JsonValue.Create(change.New));
        }
        if (change.New is null)
        {
            return Op("remove", path.PatchPath);
        }
        if (path.Schema is not null && path.Sub is not null)
        {
            var value = new JsonObject { [path.Schema] = new JsonObject { [path.Attribute] = new JsonObject { [path.Sub] = change.New } } };
            return Op("replace", null, value);
        }
        return Op("replace", path.PatchPath, JsonValue.Create(change.New));
    }

    private static JsonObject Op(string op, string? path, JsonNode? value = null)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null)
        {
            operation["path"] = path;
        }
        if (value is not null)
        {
            operation["value"] = value;
        }
        return operation;
    }
}
