using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Scim;

/// <summary>A group as the server holds it: its id, name, and the ids of its members (accounts or groups).</summary>
public sealed record ScimGroup(string Id, string DisplayName, IReadOnlyList<string> MemberIds);

/// <summary>
/// The server's Groups (RFC 7643 §4.2): make sure a group exists by displayName, keep its members exactly in step with
/// a set of account ids (PATCH add and remove, at most <see cref="ScimCompatibility.GroupMemberBatchSize"/> members a
/// request), list groups. Which groups a worker belongs in is decided by the caller (from org level, location, job or
/// role); this only makes the server match. Failures are returned, never thrown.
/// </summary>
public sealed class ScimGroups(ScimClient client)
{
    public bool Enabled => client.Compatibility.GroupsEnabled;

    /// <summary>Every group with its members.</summary>
    public async IAsyncEnumerable<ScimGroup> ListGroups([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureEnabled();
        await foreach (var resource in client.List("Groups", null, cancellationToken))
        {
            yield return ToGroup(resource);
        }
    }

    /// <summary>The group with this displayName (compared case-insensitively), or null.</summary>
    public async Task<ScimGroup?> FindGroup(string displayName, CancellationToken cancellationToken = default)
    {
        EnsureEnabled();
        IAsyncEnumerable<JsonObject> candidates = client.List("Groups", ScimFilter.Equal("displayName", displayName), cancellationToken);
        try
        {
            await foreach (var resource in candidates)
            {
                if (string.Equals(resource["displayName"]?.ToString(), displayName, StringComparison.OrdinalIgnoreCase))
                {
                    return ToGroup(resource);
                }
            }
            return null;
        }
        catch (ScimRequestException e) when (e.Response.IsInvalidFilter)
        {
            await foreach (var group in ListGroups(cancellationToken))
            {
                if (string.Equals(group.DisplayName, displayName, StringComparison.OrdinalIgnoreCase))
                {
                    return group;
                }
            }
            return null;
        }
    }

    /// <summary>The group's id, creating the group (empty) if there is none by that name.</summary>
    public async Task<GroupResult> EnsureGroup(string displayName, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return GroupResult.Failed(Disabled);
        }
        try
        {
            if (await FindGroup(displayName, cancellationToken) is { } existing)
            {
                return new GroupResult(true, existing.Id);
            }
            var body = new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Group), ["displayName"] = displayName };
            var response = await client.Send(HttpMethod.Post, "Groups", body, cancellationToken);
            if (response.IsSuccess && response.Id is { } id)
            {
                return new GroupResult(true, id, Created: true);
            }
            if (response.Status == System.Net.HttpStatusCode.Conflict && await FindGroup(displayName, cancellationToken) is { } raced)
            {
                return new GroupResult(true, raced.Id);
            }
            return GroupResult.Failed(response.Describe(), response.Retryable);
        }
        catch (ScimRequestException e)
        {
            return GroupResult.Failed(e.Message, e.Response.Retryable);
        }
    }

    /// <summary>
    /// Makes the group's members exactly <paramref name="accountIds"/>: adds the missing ones and removes the others
    /// (including nested groups not in the set), in batches. Nothing is sent when the members already match.
    /// </summary>
    public async Task<GroupResult> SetMembers(string groupId, IEnumerable<string> accountIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        if (!Enabled)
        {
            return GroupResult.Failed(Disabled, groupId: groupId);
        }
        var path = "Groups/" + Uri.EscapeDataString(groupId);
        var current = await client.Get(path, cancellationToken);
        if (!current.IsSuccess || current.Body is null)
        {
            return GroupResult.Failed(current.Describe(), current.Retryable, groupId);
        }
        var have = ToGroup(current.Body).MemberIds.ToHashSet(StringComparer.Ordinal);
        var want = accountIds.Distinct(StringComparer.Ordinal).ToList();
        return await ChangeMembers(groupId, [.. want.Where(id => !have.Contains(id))], [.. have.Except(want, StringComparer.Ordinal)], cancellationToken);
    }

    /// <summary>Adds and removes members, in batches, without reading the group first: the caller knows what it
    /// holds. Adding a member already there or removing one who is not is what SCIM servers accept as a no-op.</summary>
    public async Task<GroupResult> ChangeMembers(string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        if (!Enabled)
        {
            return GroupResult.Failed(Disabled, groupId: groupId);
        }
        var path = "Groups/" + Uri.EscapeDataString(groupId);
        int added = 0, removed = 0, batch = client.Compatibility.GroupMemberBatchSize;
        foreach (var chunk in add.Distinct(StringComparer.Ordinal).Chunk(batch))
        {
            var members = new JsonArray([.. chunk.Select(id => (JsonNode)new JsonObject { ["value"] = id })]);
            var operation = new JsonObject { ["op"] = "add", ["path"] = "members", ["value"] = members };
            var response = await client.Send(HttpMethod.Patch, path, ScimPatch.Request([operation]), cancellationToken);
            if (!response.IsSuccess)
            {
                return GroupResult.Failed(response.Describe(), response.Retryable, groupId, added, removed);
            }
            added += chunk.Length;
        }
        foreach (var chunk in remove.Distinct(StringComparer.Ordinal).Chunk(batch))
        {
            var operations = chunk.Select(id => new JsonObject { ["op"] = "remove", ["path"] = $"members[value eq {ScimFilter.Quote(id)}]" });
            var response = await client.Send(HttpMethod.Patch, path, ScimPatch.Request(operations), cancellationToken);
            if (!response.IsSuccess)
            {
                return GroupResult.Failed(response.Describe(), response.Retryable, groupId, added, removed);
            }
            removed += chunk.Length;
        }
        return new GroupResult(true, groupId, Added: added, Removed: removed);
    }

    /// <summary>Deletes the group; one already gone counts as deleted.</summary>
    public async Task<GroupResult> DeleteGroup(string groupId, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return GroupResult.Failed(Disabled, groupId: groupId);
        }
        var response = await client.Send(HttpMethod.Delete, "Groups/" + Uri.EscapeDataString(groupId), null, cancellationToken);
        return response.IsSuccess || response.Status == System.Net.HttpStatusCode.NotFound
            ? new GroupResult(true, groupId)
            : GroupResult.Failed(response.Describe(), response.Retryable, groupId);
    }

    private const string Disabled = "Groups are turned off for this SCIM destination (Compatibility.GroupsEnabled).";

    private void EnsureEnabled()
    {
        if (!Enabled)
        {
            throw new ScimConfigurationException(Disabled);
        }
    }

    private static ScimGroup ToGroup(JsonObject resource) => new(
        resource["id"]?.ToString() ?? "",
        resource["displayName"]?.ToString() ?? "",
        [.. (resource["members"] as JsonArray ?? []).OfType<JsonObject>().Select(m => m["value"]?.ToString()).OfType<string>()]);
}
