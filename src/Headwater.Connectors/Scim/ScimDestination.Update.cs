using System.Net;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Scim;

public sealed partial class ScimDestination
{
    /// <summary>
    /// Applies attribute changes and, when <paramref name="active"/> is set, the active flag, with PATCH or PUT as
    /// the profile says. A PATCH that changes nothing is not sent. A PATCH the server refuses as <c>noTarget</c>
    /// (a typed entry such as the work phone does not exist yet, or the plan's old values were stale) is rebuilt
    /// from the account as it is now and sent once more.
    /// </summary>
    private async Task<ChangeResult> Update(string? accountId, List<ScimChange> changes, bool? active, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(accountId))
        {
            return ChangeResult.Failed("An update needs the account's id.");
        }
        var path = "Users/" + Uri.EscapeDataString(accountId);
        if (Compatibility.UpdateMethod == ScimUpdateMethod.Put)
        {
            return await Put(accountId, path, changes, active, cancellationToken);
        }
        var operations = ScimPatch.Operations(changes, active);
        if (operations.Count == 0)
        {
            return ChangeResult.Ok(accountId);
        }
        var response = await _client.Send(HttpMethod.Patch, path, ScimPatch.Request(operations), cancellationToken);
        if (response.IsNoTarget)
        {
            var current = await _client.Get(path, cancellationToken);
            if (!current.IsSuccess || current.Body is null)
            {
                return Gone(current, accountId);
            }
            var now = ScimResource.Read(current.Body);
            var rebuilt = changes.Select(c => c with { Old = now.GetValueOrDefault(Key(c)), Force = false, OldIsCurrent = true });
            operations = ScimPatch.Operations(rebuilt, active is { } flag && flag != ScimResource.IsActive(current.Body) ? flag : null);
            if (operations.Count == 0)
            {
                return ChangeResult.Ok(accountId);
            }
            response = await _client.Send(HttpMethod.Patch, path, ScimPatch.Request(operations), cancellationToken);
        }
        return response.IsSuccess ? ChangeResult.Ok(accountId) : Gone(response, accountId);
    }

    /// <summary>GET the resource, change it, PUT it back whole. Read-only parts (meta, groups) are left out of the PUT.</summary>
    private async Task<ChangeResult> Put(string accountId, string path, List<ScimChange> changes, bool? active, CancellationToken cancellationToken)
    {
        var current = await _client.Get(path, cancellationToken);
        if (!current.IsSuccess || current.Body is null)
        {
            return Gone(current, accountId);
        }
        var resource = current.Body;
        resource.Remove(ScimResource.KeyOf(resource, "meta"));
        resource.Remove(ScimResource.KeyOf(resource, "groups"));
        foreach (var change in changes.Where(c => c.Changes))
        {
            WriteChange(resource, change);
        }
        if (active is { } flag)
        {
            ScimResource.SetActive(resource, flag);
        }
        var response = await _client.Send(HttpMethod.Put, path, resource, cancellationToken);
        return response.IsSuccess ? ChangeResult.Ok(accountId) : Gone(response, accountId);
    }

    /// <summary>A failure, worded for a 404 as the account having gone from the destination.</summary>
    private ChangeResult Gone(ScimResponse response, string accountId) => response.Status == HttpStatusCode.NotFound
        ? ChangeResult.Failed($"{response.Describe()} (account {accountId} is no longer in {Name})") with { Gone = true }
        : Failed(response);
}
