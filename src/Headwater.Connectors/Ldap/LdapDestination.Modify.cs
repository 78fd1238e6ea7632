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
        string? newRdn = null, newParent = null, newName = null;
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
            else if (name == LdapMapping.NameTarget)
            {
                // A change of name, not the first record of one (an entry adopted or created before names were kept).
                newName = attribute.Old is null ? null : value;
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
        var recorded = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (newRdn is null && newName is not null)
        {
            switch (await Renamed(entry, newName, change.WorkerId, cancellationToken))
            {
                case null:
                    return ChangeResult.Failed($"No free value for {_schema.RdnAttribute} after the change of name: every candidate is taken.");
                case { } rdnValue when rdnValue != LdapText.First(entry, _schema.RdnAttribute):
                    newRdn = LdapText.Rdn(_schema.RdnAttribute, rdnValue);
                    recorded[_schema.RdnAttribute] = rdnValue;
                    break;
            }
        }
        if (LeaversMove(dn, change, newParent is not null) is { } move)
        {
            newParent = move.Parent;
            recorded[LdapMapping.OuTarget] = move.Recorded;
        }
        if (newParent is not null && await EnsureOu(newParent, cancellationToken) is { } misplaced)
        {
            return ChangeResult.Failed(misplaced);
        }
        if (newRdn is not null || newParent is not null)
        {
            var parent = newParent ?? LdapText.Parent(dn);
            var rdn = newRdn ?? dn[..(dn.Length - LdapText.Parent(dn).Length - 1)];
            await _connections.Send(new ModifyDNRequest(dn, parent, rdn) { DeleteOldRdn = true }, cancellationToken);
            Moved(change.AccountId!, dn, $"{rdn},{parent}");
            dn = $"{rdn},{parent}";
        }
        if (modifications.Count > 0)
        {
            var request = new ModifyRequest(dn);
            request.Modifications.AddRange([.. modifications]);
            await _connections.Send(request, cancellationToken);
        }
        return ChangeResult.Ok(change.AccountId!) with { Values = recorded.Count > 0 ? recorded : null };
    }

    /// <summary>The entry's naming value after a change of name: the name itself when only its case changed or no
    /// other entry holds it, else numbered as on creation; null when no number is free.</summary>
    private async Task<string?> Renamed(SearchResultEntry entry, string name, string workerId, CancellationToken cancellationToken)
    {
        var rdn = _schema.RdnAttribute;
        var cleaned = Rule(rdn)?.Clean(name) ?? name;
        if (string.Equals(LdapText.First(entry, rdn), cleaned, StringComparison.OrdinalIgnoreCase))
        {
            return cleaned;
        }
        // The entry's own value is free to it (a numbered name going back to the plain one).
        var own = LdapText.First(entry, rdn);
        return await _unique.Pick(rdn, [cleaned], workerId,
            v => string.Equals(v, own, StringComparison.OrdinalIgnoreCase) ? Task.FromResult(false) : Holds(rdn, v, cancellationToken), Rule(rdn));
    }

    /// <summary>With <see cref="LdapOptions.LeaversOu"/>: a terminated entry goes there when disabled; a rehired one
    /// comes back to <see cref="LdapOptions.BaseDn"/> when the change does not move it to its OU itself. The parent
    /// is recorded as the entry's OU, so a rehire under an <c>ou</c> expression plans the move back.</summary>
    private (string Parent, string? Recorded)? LeaversMove(string dn, PlannedChange change, bool movedByChange)
    {
        if (Options.LeaversOu is not { } leavers)
        {
            return null;
        }
        var inLeavers = LdapText.SameDn(LdapText.Parent(dn), leavers);
        if (change.Kind == ChangeKind.Deactivate && change.Code == ReasonCode.Terminated && !inLeavers)
        {
            return (leavers, leavers);
        }
        return change.Kind == ChangeKind.Reactivate && inLeavers && !movedByChange ? (Options.BaseDn, null) : null;
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
