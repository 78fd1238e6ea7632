using System.DirectoryServices.Protocols;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination
{
    /// <summary>The planner's pseudo attribute for the manager link; written as the manager entry's DN.</summary>
    private const string ManagerTarget = "manager";

    public async Task<ChangeResult> Apply(PlannedChange change, string? managerAccountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            var result = change.Kind switch
            {
                ChangeKind.Create => await Create(change, managerAccountId, cancellationToken),
                ChangeKind.Update or ChangeKind.Deactivate or ChangeKind.Reactivate => await Update(change, managerAccountId, cancellationToken),
                ChangeKind.Delete => await Delete(change.AccountId, cancellationToken),
                _ => new ChangeResult(true, change.AccountId),
            };
            // Where the entry is now, recorded with the account for the next run's changes to go straight to it.
            return result is { Succeeded: true, AccountId: { } id } && _dns.TryGetValue(id, out var dn) ? result with { Location = dn } : result;
        }
        catch (DirectoryOperationException e)
        {
            return Refused(e);
        }
    }

    private async Task<ChangeResult> Create(PlannedChange change, string? managerAccountId, CancellationToken cancellationToken)
    {
        var prepared = _prepared.TryRemove(change.WorkerId, out var waiting) ? await waiting.Task.WaitAsync(cancellationToken) : null;
        prepared = prepared?.Entry.Change == change ? prepared : null;
        var (_, candidates, generated, questions) = prepared?.Entry ?? ToNewEntry(change);
        var lookup = await Lookup(questions, prepared?.Found, cancellationToken);
        if (lookup.Existing is { } existing)
        {
            return await Adopt(existing, change, candidates, generated, managerAccountId, cancellationToken);
        }
        var chosen = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var attribute in generated)
            {
                if (candidates.TryGetValue(attribute, out var list)
                    && await _unique.Pick(attribute, list, change.WorkerId, v => Holds(lookup, attribute, v, cancellationToken), Rule(attribute))
                        is { } value)
                {
                    chosen[attribute] = value;
                    continue;
                }
                _unique.Release(change.WorkerId);
                return ChangeResult.Failed($"No free value for {attribute}: every candidate is taken.");
            }
            if (await UniqueName(change.WorkerId, candidates, chosen, cancellationToken) is { } name)
            {
                chosen[_schema.RdnAttribute] = name;
            }
            var result = await Add(change, candidates, chosen, managerAccountId, cancellationToken);
            if (!result.Succeeded)
            {
                _unique.Release(change.WorkerId);
            }
            return result;
        }
        catch
        {
            _unique.Release(change.WorkerId);
            throw;
        }
    }

    /// <summary>A create's values as candidates by attribute (most have one), the attributes whose value is generated
    /// from them (those with numbered candidates in the mapping, and those the options make unique), and what it asks
    /// of the directory before it adds.</summary>
    private NewEntry ToNewEntry(PlannedChange change)
    {
        var values = change.Attributes.Where(a => !IsManager(a.Name)).Select(a => (a.Name, a.New)).ToList();
        var candidates = UniqueValues.Candidates(values);
        var generated = values.Where(v => UniqueValues.IsCandidate(v.Name)).Select(v => UniqueValues.AttributeOf(v.Name))
            .Concat(Options.Unique.Where(candidates.ContainsKey)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new NewEntry(change, candidates, generated, Questions(candidates, generated));
    }

    /// <summary>The entry's naming value when it is not the user name (AD's CN) and was not generated: the mapped
    /// value, else the display name, else the user name, numbered when another entry holds it, so two people with the
    /// same name never collide in one OU. Null when the name is the user name or was generated already.</summary>
    private async Task<string?> UniqueName(string workerId, Dictionary<string, List<string>> candidates, Dictionary<string, string?> chosen,
        CancellationToken cancellationToken)
    {
        var rdn = _schema.RdnAttribute;
        if (rdn.Equals(_schema.UserNameAttribute, StringComparison.OrdinalIgnoreCase) || chosen.ContainsKey(rdn))
        {
            return null;
        }
        var name = new[] { rdn, "displayName", _schema.UserNameAttribute }.Select(a => candidates.GetValueOrDefault(a)?[0]).FirstOrDefault(v => v is not null);
        return name is null ? null : await _unique.Pick(rdn, [name], workerId, v => Holds(rdn, v, cancellationToken), Rule(rdn));
    }

    private async Task<ChangeResult> Add(PlannedChange change, Dictionary<string, List<string>> candidates, Dictionary<string, string?> chosen,
        string? managerAccountId, CancellationToken cancellationToken)
    {
        string? Value(string attribute) => chosen.TryGetValue(attribute, out var picked) ? picked
            : candidates.TryGetValue(attribute, out var list) ? list[0] : null;
        if (Value(_schema.UserNameAttribute) is not { } userName)
        {
            return ChangeResult.Failed($"A new account needs a {_schema.UserNameAttribute}; the mapping gave none.");
        }
        // The entry's name: its own value, else the display name, else the user name.
        var rdn = Value(_schema.RdnAttribute) ?? Value("displayName") ?? userName;
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in candidates.Keys.Where(a => a is not (LdapMapping.OuTarget or LdapMapping.NameTarget)))
        {
            attributes[attribute] = Written(attribute, Value(attribute))!;
        }
        // The naming attribute holds the name, and cn is required of every person entry (the display name, else
        // the entry's name, when the mapping has none).
        attributes[_schema.RdnAttribute] = rdn;
        attributes.TryAdd("cn", Value("displayName") ?? rdn);
        var parent = Value(LdapMapping.OuTarget) ?? Options.BaseDn;
        var dn = $"{LdapText.Rdn(_schema.RdnAttribute, rdn)},{parent}";
        if (await EnsureOu(parent, cancellationToken) is { } misplaced)
        {
            return ChangeResult.Failed(misplaced);
        }
        var request = new AddRequest(dn, new DirectoryAttribute("objectClass", _schema.ObjectClasses));
        foreach (var (name, value) in attributes)
        {
            request.Attributes.Add(new DirectoryAttribute(name, value));
        }
        if (managerAccountId is not null)
        {
            if (await ManagerDn(managerAccountId, cancellationToken) is not { } managerDn)
            {
                return ChangeResult.Failed($"The manager's entry ({managerAccountId}) was not found.", retryable: true);
            }
            request.Attributes.Add(new DirectoryAttribute(LdapSchema.Manager, managerDn));
        }
        if (_schema.Profile == LdapProfile.ActiveDirectory)
        {
            return await ActiveDirectoryAccount.Create(_connections, request, change, cancellationToken) is { } failed
                ? failed : await Created(dn, chosen, cancellationToken);
        }
        if (!change.Active)
        {
            request.Attributes.Add(new DirectoryAttribute(Options.DisabledMarker.Attribute, Options.DisabledMarker.Value));
        }
        // The new entry's id comes back with the add where the server has the post-read control (OpenLDAP does).
        var postRead = await _connections.Supports(LdapControls.PostReadOid, cancellationToken);
        if (postRead)
        {
            request.Controls.Add(LdapControls.PostRead(_schema.IdAttribute));
        }
        var response = await _connections.Send(request, cancellationToken);
        var id = postRead ? LdapControls.PostReadValue(response, _schema.IdAttribute) : null;
        return id is null ? await Created(dn, chosen, cancellationToken) : Created(id, dn, chosen);
    }

    /// <summary>The added entry, read back for its id.</summary>
    private async Task<ChangeResult> Created(string dn, Dictionary<string, string?> chosen, CancellationToken cancellationToken)
    {
        var entry = await _connections.Read(dn, [_schema.IdAttribute], cancellationToken);
        return entry is not null && _schema.Id(entry) is { } id
            ? Created(id, dn, chosen)
            : ChangeResult.Failed($"The entry was added but could not be read back by its {_schema.IdAttribute}.", retryable: true);
    }

    private ChangeResult Created(string id, string dn, Dictionary<string, string?> chosen)
    {
        _dns[id] = dn;
        return ChangeResult.Ok(id) with { Values = chosen.Count > 0 ? chosen : null };
    }

    /// <summary>Makes an existing entry the person's: the create's values as an update of just the differences. A
    /// generated value the entry already has is kept, so adopting never renames anyone.</summary>
    private async Task<ChangeResult> Adopt(SearchResultEntry entry, PlannedChange change, Dictionary<string, List<string>> candidates,
        HashSet<string> generated, string? managerAccountId, CancellationToken cancellationToken)
    {
        if (_schema.Id(entry) is not { } id)
        {
            return ChangeResult.Failed($"The existing entry has no {_schema.IdAttribute} to adopt it by.");
        }
        var attributes = candidates
            .Where(c => !(generated.Contains(c.Key) && LdapText.First(entry, c.Key) is not null) && c.Key != LdapMapping.NameTarget)
            .Select(c => new AttributeChange(c.Key, LdapText.First(entry, c.Key), c.Value[0]))
            .Where(c => c.Name != LdapMapping.OuTarget || !LdapText.SameDn(LdapText.Parent(entry.DistinguishedName), c.New!))
            .ToList();
        if (managerAccountId is not null)
        {
            attributes.Add(new AttributeChange(ManagerTarget, null, change.ManagerWorkerId));
        }
        var kind = change.Active ? ChangeKind.Reactivate : ChangeKind.Deactivate;
        var result = await Modify(entry, change with { Kind = kind, AccountId = id, Attributes = attributes }, managerAccountId, cancellationToken);
        return result.Succeeded ? ChangeResult.Ok(id) : result;
    }

    private async Task<ChangeResult> Update(PlannedChange change, string? managerAccountId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(change.AccountId))
        {
            return ChangeResult.Failed($"A {change.Kind.ToString().ToLowerInvariant()} needs the account's id.");
        }
        if (await ModifyKnown(change, managerAccountId, cancellationToken) is { } sent)
        {
            return sent;
        }
        if (await EntryById(change.AccountId, cancellationToken) is not { } entry)
        {
            return new ChangeResult(false, null, $"No entry with {_schema.IdAttribute} {change.AccountId} exists under {Options.BaseDn}.", Gone: true);
        }
        return await Modify(entry, change, managerAccountId, cancellationToken);
    }

    private async Task<ChangeResult> Delete(string? accountId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(accountId))
        {
            return ChangeResult.Failed("A delete needs the account's id.");
        }
        if (await EntryById(accountId, cancellationToken) is not { } entry)
        {
            return ChangeResult.Ok(accountId); // already gone, which is what a delete wants
        }
        if (IsNotManaged(entry))
        {
            return NotManaged(entry);
        }
        await _connections.Send(new DeleteRequest(entry.DistinguishedName), cancellationToken);
        _dns.TryRemove(accountId, out _);
        return ChangeResult.Ok(accountId);
    }

    /// <summary>The manager's DN: as learnt in this run (created, read or moved by this destination), else searched for.</summary>
    private async Task<string?> ManagerDn(string managerAccountId, CancellationToken cancellationToken) =>
        _dns.TryGetValue(managerAccountId, out var dn) ? dn : (await EntryById(managerAccountId, cancellationToken))?.DistinguishedName;

    private ChangeResult NotManaged(SearchResultEntry entry) => ChangeResult.Failed(
        $"The entry is marked not managed ({Options.NotManaged!.Attribute}: {Options.NotManaged.Value}); Headwater leaves it alone.");

    private static bool IsManager(string name) => name.Equals(ManagerTarget, StringComparison.OrdinalIgnoreCase);

    private ValueRule? Rule(string attribute) =>
        _schema.Profile == LdapProfile.ActiveDirectory ? ActiveDirectoryAccount.Rule(attribute) : null;

    /// <summary>The value as the directory stores it (Active Directory's accountExpires is a date made a FILETIME).</summary>
    private string? Written(string attribute, string? value) =>
        _schema.Profile == LdapProfile.ActiveDirectory ? ActiveDirectoryAccount.Written(attribute, value) : value;

    private static ChangeResult Refused(DirectoryOperationException e)
    {
        var code = e.Response?.ResultCode;
        var retryable = code is ResultCode.Busy or ResultCode.Unavailable or ResultCode.TimeLimitExceeded;
        return ChangeResult.Failed($"The directory refused it ({code}): {LdapText.Refusal(e)}", retryable);
    }
}
