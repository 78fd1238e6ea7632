using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Scim;

/// <summary>
/// A SCIM 2.0 service provider (RFC 7643 / 7644) as a Headwater destination: Users are created with POST, updated
/// with PATCH or PUT (per <see cref="ScimCompatibility.UpdateMethod"/>), deactivated and reactivated through
/// <c>active</c>, and removed with DELETE; the manager link is the enterprise extension's <c>manager.value</c>.
/// A rejected record is returned as a failed <see cref="ChangeResult"/> with the server's detail, never thrown.
/// </summary>
public sealed partial class ScimDestination : IAccountReader, IAccountWriter, IGroupWriter
{
    private readonly ScimClient _client;

    public ScimDestination(string name, ScimClient client)
    {
        Name = name;
        _client = client;
        Groups = new ScimGroups(client);
    }

    public string Name { get; }

    public ScimClient Client => _client;

    /// <summary>The server's Groups: ensure by name, set members, list.</summary>
    public ScimGroups Groups { get; }

    private ScimCompatibility Compatibility => _client.Compatibility;

    async IAsyncEnumerable<DestinationGroup> IGroupWriter.ListGroups([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var group in Groups.ListGroups(cancellationToken))
        {
            yield return new DestinationGroup(group.Id, group.DisplayName, group.MemberIds);
        }
    }

    Task<GroupResult> IGroupWriter.CreateGroup(string name, CancellationToken cancellationToken) => Groups.EnsureGroup(name, cancellationToken);

    Task<GroupResult> IGroupWriter.ChangeMembers(string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove,
        CancellationToken cancellationToken) => Groups.ChangeMembers(groupId, add, remove, cancellationToken);

    public async IAsyncEnumerable<DestinationAccount> ListAccounts([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var resource in _client.List("Users", null, cancellationToken))
        {
            yield return ScimResource.ToAccount(resource);
        }
    }

    /// <summary>
    /// Looks the account up with an <c>eq</c> filter on <c>userName</c>, <c>externalId</c> or <c>emails.value</c>,
    /// and checks the match case-insensitively. <c>externalId</c> is case-exact in RFC 7643, so it is also tried in
    /// upper and lower case. When the server cannot filter on the key (per the profile, or because it rejects the
    /// filter, as scimmy does for values with quotes) every account is read instead.
    /// </summary>
    public async Task<DestinationAccount?> Find(AccountKey key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (attribute, support, matches) = LookupKey(key);
        if (Compatibility.SupportedFilters.HasFlag(support))
        {
            string[] variants = attribute == "externalId" ? [value, value.ToUpperInvariant(), value.ToLowerInvariant()] : [value];
            try
            {
                foreach (var variant in variants.Distinct(StringComparer.Ordinal))
                {
                    await foreach (var resource in _client.List("Users", ScimFilter.Equal(attribute, variant), cancellationToken))
                    {
                        if (matches(resource, value))
                        {
                            return ScimResource.ToAccount(resource);
                        }
                    }
                }
                return null;
            }
            catch (ScimRequestException e) when (e.Response.IsInvalidFilter)
            {
                // the server cannot filter on this value: read everything below
            }
        }
        await foreach (var resource in _client.List("Users", null, cancellationToken))
        {
            if (matches(resource, value))
            {
                return ScimResource.ToAccount(resource);
            }
        }
        return null;
    }

    public async Task<ChangeResult> Apply(PlannedChange change, string? managerAccountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        List<ScimChange> changes;
        try
        {
            changes = Resolve(change, managerAccountId);
        }
        catch (ScimPathException e)
        {
            return ChangeResult.Failed(e.Message);
        }
        try
        {
            return change.Kind switch
            {
                ChangeKind.Create => await Create(changes, change.Active, managerAccountId, cancellationToken),
                ChangeKind.Update => await Update(change.AccountId, changes, null, cancellationToken),
                ChangeKind.Deactivate => await Update(change.AccountId, changes, false, cancellationToken),
                ChangeKind.Reactivate => await Update(change.AccountId, changes, true, cancellationToken),
                ChangeKind.Delete => await Delete(change.AccountId, cancellationToken),
                _ => new ChangeResult(true, change.AccountId),
            };
        }
        catch (ScimRequestException e)
        {
            return ChangeResult.Failed(e.Message, e.Response.Retryable);
        }
    }

    /// <summary>The plan's attribute changes by parsed path; the <c>manager</c> pseudo attribute becomes the
    /// enterprise manager with the manager's account id (null clears it).</summary>
    private static List<ScimChange> Resolve(PlannedChange change, string? managerAccountId) =>
        [.. change.Attributes.Select(a => a.Name.Equals(ScimPath.Manager, StringComparison.OrdinalIgnoreCase)
            ? new ScimChange(ScimPath.EnterpriseManager, null, managerAccountId, Force: true)
            : new ScimChange(ScimPath.Parse(a.Name), a.Old, a.New))];

    private async Task<ChangeResult> Create(List<ScimChange> changes, bool active, string? managerAccountId, CancellationToken cancellationToken)
    {
        var resource = ScimResource.NewUser();
        foreach (var change in changes)
        {
            WriteChange(resource, change);
        }
        if (managerAccountId is not null && !changes.Any(c => c.IsManager))
        {
            changes.Add(new ScimChange(ScimPath.EnterpriseManager, null, managerAccountId, Force: true));
            ScimResource.Write(resource, ScimPath.EnterpriseManager, managerAccountId);
        }
        ScimResource.SetActive(resource, active);
        var response = await _client.Send(HttpMethod.Post, "Users", resource, cancellationToken);
        if (response.IsSuccess)
        {
            return response.Id is { } id ? ChangeResult.Ok(id) : ChangeResult.Failed($"POST Users answered {(int)response.Status} without the new account's id.");
        }
        if (response.Status == System.Net.HttpStatusCode.Conflict && Compatibility.AdoptOnConflict)
        {
            return await Adopt(resource, changes, active, response, cancellationToken);
        }
        return Failed(response);
    }

    /// <summary>After a 409: the account already exists. Find it by userName, then externalId, and make it what the
    /// create asked for with an update of just the differences.</summary>
    private async Task<ChangeResult> Adopt(JsonObject wanted, List<ScimChange> changes, bool active, ScimResponse conflict, CancellationToken cancellationToken)
    {
        DestinationAccount? existing = null;
        if (wanted["userName"]?.ToString() is { } userName)
        {
            existing = await Find(AccountKey.UserName, userName, cancellationToken);
        }
        if (existing is null && wanted["externalId"]?.ToString() is { } externalId)
        {
            existing = await Find(AccountKey.ExternalId, externalId, cancellationToken);
        }
        if (existing is null)
        {
            return ChangeResult.Failed($"{conflict.Describe()}; no account with that userName or externalId was found to adopt.");
        }
        var differences = changes.Select(c => c with { Old = existing.Attributes.GetValueOrDefault(Key(c)), Force = false, OldIsCurrent = true }).ToList();
        var result = await Update(existing.Id, differences, existing.Active == active ? null : active, cancellationToken);
        return result.Succeeded
            ? ChangeResult.Ok(existing.Id)
            : ChangeResult.Failed($"Adopting the existing account {existing.Id} after a 409: {result.Error}", result.Retryable);
    }

    private async Task<ChangeResult> Delete(string? accountId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(accountId))
        {
            return ChangeResult.Failed("A delete needs the account's id.");
        }
        var response = await _client.Send(HttpMethod.Delete, "Users/" + Uri.EscapeDataString(accountId), null, cancellationToken);
        return response.IsSuccess || response.Status == System.Net.HttpStatusCode.NotFound
            ? ChangeResult.Ok(accountId) // 404: already gone, which is what a delete wants
            : Failed(response);
    }

    private static ChangeResult Failed(ScimResponse response) => ChangeResult.Failed(response.Describe(), response.Retryable);

    /// <summary>The key <see cref="ScimResource.Read"/> gives the change's attribute.</summary>
    private static string Key(ScimChange change) => change.IsManager ? ScimSchemas.ManagerValuePath : change.Path.PatchPath;

    /// <summary>Writes one change into a whole resource (for POST and PUT). Clearing the manager removes the whole
    /// <c>manager</c> object, not just its value.</summary>
    private static void WriteChange(JsonObject resource, ScimChange change)
    {
        if (change.IsManager)
        {
            ScimResource.Write(resource, ScimPath.EnterpriseManager with { Sub = change.New is null ? null : "value" }, change.New);
            return;
        }
        ScimResource.Write(resource, change.Path, change.New);
    }

    private static (string Attribute, ScimFilterSupport Support, Func<JsonObject, string, bool> Matches) LookupKey(AccountKey key) =>
        key switch
        {
            AccountKey.UserName => ("userName", ScimFilterSupport.UserName, (r, v) => Same(r["userName"], v)),
            AccountKey.ExternalId => ("externalId", ScimFilterSupport.ExternalId, (r, v) => Same(r["externalId"], v)),
            _ => ("emails.value", ScimFilterSupport.Emails,
                (r, v) => r["emails"] is JsonArray emails && emails.OfType<JsonObject>().Any(e => Same(e["value"], v))),
        };

    private static bool Same(JsonNode? node, string value) =>
        node is JsonValue v && string.Equals(v.ToString(), value, StringComparison.OrdinalIgnoreCase);
}
