using System.DirectoryServices.Protocols;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination
{
    /// <summary>
    /// Brings an entry to what the change asks: a new OU or a new naming value moves or renames it first (ModifyDN,
    /// so its id, group memberships and the DNs pointing at it follow), then every attribute that differs from the
    /// entry goes in one modify. Values the entry already has are not sent, so a repeated change sends nothing.
    /// </summary>
    private async Task<ChangeResult> Modify(SearchResultEntry entry, PlannedChange change, string? managerAccountId,
        CancellationToken cancellationToken)
    {
        if (IsNotManaged(entry))
        {
            return NotManaged(entry);
        }
        var dn = entry.DistinguishedName;
        string? newRdn = null, newParent = null;
        var modifications = new List<DirectoryAttributeModification>();
        foreach (var attribute in change.Attributes)
        {
            var name = attribute.Name;
            var value = string.IsNullOrWhiteSpace(attribute.New) ? null : attribute.New.Trim();
            if (IsManager(name))
            {
                var managerDn = managerAccountId is null ? null : await ManagerDn(managerAccountId, cancellationToken);
                if (managerAccountId is not null && managerDn is null)
                {
                    return ChangeResult.Failed($"The manager's entry ({managerAccountId}) was not found.", retryable: true);
                }
                if (!(LdapText.First(entry, LdapSchema.Manager) is { } current && managerDn is not null ? LdapText.SameDn(current, managerDn)
                    : LdapText.First(entry, LdapSchema.Manager) is null && managerDn is null))
                {
                    modifications.Add(Replace(LdapSchema.Manager, managerDn));
                }
            }
            else if (name == LdapMapping.OuTarget)
            {
                var parent = value ?? Options.BaseDn;
                newParent = LdapText.SameDn(LdapText.Parent(dn), parent) ? null : parent;
            }
            else if (UniqueValues.IsCandidate(name))
            {
                continue;
            }
            else if (name.Equals(_schema.RdnAttribute, StringComparison.OrdinalIgnoreCase))
            {
                if (value is null)
                {
                    return ChangeResult.Failed($"{_schema.RdnAttribute} names the entry and cannot be cleared.");
                }
                newRdn = LdapText.First(entry, name) == value ? null : LdapText.Rdn(_schema.RdnAttribute, value);
            }
            else if (Written(name, value) is var written && LdapText.First(entry, name) != written)
            {
                modifications.Add(Replace(name, written));
            }
        }
        modifications.AddRange(ActiveChange(entry, change.Kind));
        if (newRdn is not null || newParent is not null)
        {
            var parent = newParent ?? LdapText.Parent(dn);
            var rdn = newRdn ?? dn[..(dn.Length - LdapText.Parent(dn).Length - 1)];
            await _connections.Send(new ModifyDNRequest(dn, parent, rdn) { DeleteOldRdn = true }, cancellationToken);
            dn = $"{rdn},{parent}";
        }
        if (modifications.Count > 0)
        {
            var request = new ModifyRequest(dn);
            request.Modifications.AddRange([.. modifications]);
            await _connections.Send(request, cancellationToken);
        }
        return ChangeResult.Ok(change.AccountId!);
    }

    /// <summary>The modifications that disable or enable the entry, when it is not that already.</summary>
    private IEnumerable<DirectoryAttributeModification> ActiveChange(SearchResultEntry entry, ChangeKind kind)
    {
        var active = IsActive(entry);
        if (kind == ChangeKind.Deactivate && active || kind == ChangeKind.Reactivate && !active)
        {
            var enable = kind == ChangeKind.Reactivate;
            if (_schema.Profile == LdapProfile.ActiveDirectory)
            {
                yield return Replace("userAccountControl", ActiveDirectoryAccount.Control(LdapText.First(entry, "userAccountControl"), enable));
            }
            else
            {
                yield return Replace(Options.DisabledMarker.Attribute, enable ? null : Options.DisabledMarker.Value);
            }
        }
    }

    /// <summary>Replaces every value of the attribute with <paramref name="value"/>; null removes the attribute.</summary>
    internal static DirectoryAttributeModification Replace(string attribute, string? value)
    {
        var modification = new DirectoryAttributeModification { Name = attribute, Operation = DirectoryAttributeOperation.Replace };
        if (value is not null)
        {
            modification.Add(value);
        }
        return modification;
    }
}
