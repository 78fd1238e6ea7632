using System.Text.Json.Nodes;
using Headwater.Connectors.Scim;
using Headwater.Connectors.Tests.Destinations;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>
/// The destination conformance suite for the SCIM destination against a SCIM server: seeding and raw reads go through
/// the server's own HTTP API, not the destination. Derived classes pick the server, whether it keeps attributes of a
/// schema it was not told about, and the compatibility profile.
/// </summary>
public abstract class ScimConformanceSuite(ScimPeer server) : DestinationConformanceTests
{
    public const string CustomAttribute = "urn:example:params:scim:schemas:extension:headwater:2.0:User:costCenter";
    private ScimUnderTest? _scim;

    protected virtual ScimCompatibility Compatibility => new();

    protected override ConformancePaths Paths { get; } = new(
        "userName", "externalId", "name.givenName", "name.familyName", "displayName", "title",
        "emails[type eq \"work\"].value", "phoneNumbers[type eq \"work\"].value",
        RawScim.Enterprise + ":department", CustomAttribute);

    protected override Task ResetDestination() => server.Reset();

    protected override IDestination CreateDestination()
    {
        _scim = ScimUnderTest.For(server, Compatibility);
        return _scim.Destination;
    }

    public override Task DisposeAsync()
    {
        _scim?.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<string> SeedUnmanagedAccount(SeedAccount account)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
            ["userName"] = account.UserName,
            ["active"] = account.Active,
        };
        if (account.ExternalId is not null)
        {
            user["externalId"] = account.ExternalId;
        }
        if (account.Email is not null)
        {
            user["emails"] = new JsonArray(new JsonObject { ["value"] = account.Email, ["type"] = "work", ["primary"] = true });
        }
        if (account.GivenName is not null || account.FamilyName is not null)
        {
            user["name"] = new JsonObject { ["givenName"] = account.GivenName, ["familyName"] = account.FamilyName };
        }
        return server.PostUser(user);
    }

    protected override async Task<RawAccount?> ReadRaw(string accountId, IEnumerable<string> paths)
    {
        var user = await server.GetUser(accountId);
        return user is null ? null : new RawAccount(
            user["id"]!.ToString(), RawScim.Active(user), RawScim.ManagerId(user),
            paths.Distinct().ToDictionary(p => p, p => RawScim.Value(user, p)));
    }

    protected override async Task<string> EnsureGroup(string name)
    {
        var result = await _scim!.Destination.Groups.EnsureGroup(name);
        Assert.True(result.Succeeded, result.Error);
        return result.GroupId!;
    }

    protected override async Task<bool> SetGroupMembers(string groupId, IReadOnlyCollection<string> accountIds) =>
        (await _scim!.Destination.Groups.SetMembers(groupId, accountIds)).Succeeded;

    protected override async Task<IReadOnlyCollection<string>> ReadGroupMembers(string groupId) =>
        RawScim.MemberIds((await server.GetGroup(groupId))!);
}
