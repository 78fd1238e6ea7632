using System.DirectoryServices.Protocols;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination
{
    /// <summary>
    /// An update of plain attributes to an entry whose DN this run has learnt (listed, created or found): sent
    /// straight to that DN with no search first, under an assertion (RFC 4528) that the entry there is still the one
    /// with this id and is not marked not managed. Null when it cannot go that way (the DN is not known, the change
    /// moves, renames, disables or enables, the server has no assertion control, as Active Directory) or the entry
    /// has moved, gone or changed hands since: then the caller searches for it.
    /// </summary>
    private async Task<ChangeResult?> ModifyKnown(PlannedChange change, string? managerAccountId, CancellationToken cancellationToken)
    {
        var id = change.AccountId!;
        if (change.Kind != ChangeKind.Update || change.Attributes.Count == 0 || !_dns.TryGetValue(id, out var dn)
            || change.Attributes.Any(a => a.Name is LdapMapping.OuTarget or LdapMapping.NameTarget || UniqueValues.IsCandidate(a.Name)
                || a.Name.Equals(_schema.RdnAttribute, StringComparison.OrdinalIgnoreCase))
            || !await _connections.Supports(LdapControls.AssertionOid, cancellationToken))
        {
            return null;
        }
        var request = new ModifyRequest(dn);
        foreach (var attribute in change.Attributes)
        {
            var value = string.IsNullOrWhiteSpace(attribute.New) ? null : attribute.New.Trim();
            if (!IsManager(attribute.Name))
            {
                request.Modifications.Add(Replace(attribute.Name, Written(attribute.Name, value)));
                continue;
            }
            var managerDn = managerAccountId is null ? null : await ManagerDn(managerAccountId, cancellationToken);
            if (managerAccountId is not null && managerDn is null)
            {
                return null; // the search path says the manager was not found
            }
            request.Modifications.Add(Replace(LdapSchema.Manager, managerDn));
        }
        var notManaged = Options.NotManaged is { } marker ? [(marker.Attribute, marker.Value)] : Array.Empty<(string, string)>();
        request.Controls.Add(LdapControls.Assertion([(_schema.IdAttribute, id)], notManaged));
        try
        {
            await _connections.Send(request, cancellationToken);
            return ChangeResult.Ok(id);
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.NoSuchObject or LdapControls.AssertionFailed)
        {
            _dns.TryRemove(id, out _);
            return null;
        }
    }
}
