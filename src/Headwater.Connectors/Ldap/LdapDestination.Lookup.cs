using System.DirectoryServices.Protocols;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination
{
    /// <summary>
    /// What a create needs to know before it adds, in one search rather than one per question, shared with the other
    /// creates in flight (<see cref="LookupBatches"/>): an entry that is already this person's (the same external id,
    /// or the same user name when that is a fixed value rather than generated: a generated one may well be someone
    /// else's), and which of the generated attributes' candidates some entry holds. Candidates it did not ask about
    /// (numbered ones) are looked up one by one when reached.
    /// </summary>
    private async Task<CreateLookup> Lookup(Dictionary<string, List<string>> candidates, HashSet<string> generated,
        CancellationToken cancellationToken)
    {
        var externalId = candidates.GetValueOrDefault(_schema.ExternalIdAttribute) is [var id, ..] ? id : null;
        var userName = !generated.Contains(_schema.UserNameAttribute) && candidates.GetValueOrDefault(_schema.UserNameAttribute) is [var name, ..]
            ? name : null;
        var asked = generated.Where(candidates.ContainsKey)
            .SelectMany(a => candidates[a].Select(c => (Attribute: a, Value: Rule(a)?.Clean(c) ?? c)))
            .Where(c => c.Value.Length > 0).ToHashSet();
        var terms = asked.Select(c => $"({c.Attribute}={LdapText.Filter(c.Value)})").ToList();
        foreach (var (attribute, value) in new[] { (_schema.ExternalIdAttribute, externalId), (_schema.UserNameAttribute, userName) })
        {
            if (value is not null)
            {
                terms.Add($"(&{_schema.AccountFilter}({attribute}={LdapText.Filter(value)}))");
            }
        }
        // Shared with the other creates in flight: what it found for them is read past below.
        var found = await _lookups.Search(terms, cancellationToken);
        SearchResultEntry? Holding(string attribute, string? value) => value is null ? null : found.FirstOrDefault(e =>
            _schema.IsAccount(e) && !IsNotManaged(e) && LdapText.IsUnder(e.DistinguishedName, Options.BaseDn)
            && LdapText.All(e, attribute).Contains(value, StringComparer.OrdinalIgnoreCase));
        var held = found.SelectMany(e => asked.Where(c => Takes(e, c.Attribute)
                && LdapText.All(e, c.Attribute).Contains(c.Value, StringComparer.OrdinalIgnoreCase)))
            .ToHashSet();
        return new CreateLookup(Holding(_schema.ExternalIdAttribute, externalId) ?? Holding(_schema.UserNameAttribute, userName), asked, held);
    }

    /// <summary>Whether an entry holds <paramref name="value"/> in <paramref name="attribute"/>: from the lookup when
    /// it asked, else from the directory.</summary>
    private Task<bool> Holds(CreateLookup lookup, string attribute, string value, CancellationToken cancellationToken) =>
        lookup.Asked.Contains((attribute, value)) ? Task.FromResult(lookup.Held.Contains((attribute, value)))
            : Holds(attribute, value, cancellationToken);

    private sealed record CreateLookup(
        SearchResultEntry? Existing,
        HashSet<(string Attribute, string Value)> Asked,
        HashSet<(string Attribute, string Value)> Held);
}
