using System.DirectoryServices.Protocols;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination
{
    /// <summary>
    /// What a create needs to know before it adds, in one search rather than one per question: an entry that is
    /// already this person's (the same external id, or the same user name when that is a fixed value rather than
    /// generated: a generated one may well be someone else's), and which of the generated attributes' candidates some
    /// entry holds. Answered from the run's preparation when it asked (<see cref="Prepare"/>), else searched for
    /// together with the other creates in flight (<see cref="LookupBatches"/>). Candidates it did not ask about
    /// (numbered ones) are looked up one by one when reached.
    /// </summary>
    private async Task<CreateLookup> Lookup(CreateQuestions questions, IReadOnlyList<SearchResultEntry>? prepared,
        CancellationToken cancellationToken)
    {
        var found = prepared ?? await _lookups.Search([.. questions.Terms.Select(t => t.Filter)], cancellationToken);
        // What was found for other questions asked with these is read past.
        SearchResultEntry? Holding(string attribute, string? value) => value is null ? null : found.FirstOrDefault(e =>
            _schema.IsAccount(e) && !IsNotManaged(e) && LdapText.IsUnder(e.DistinguishedName, Options.BaseDn)
            && LdapText.All(e, attribute).Contains(value, StringComparer.OrdinalIgnoreCase));
        var held = found.SelectMany(e => questions.Asked.Where(c => Takes(e, c.Attribute)
                && LdapText.All(e, c.Attribute).Contains(c.Value, StringComparer.OrdinalIgnoreCase)))
            .ToHashSet();
        var existing = Holding(_schema.ExternalIdAttribute, questions.ExternalId) ?? Holding(_schema.UserNameAttribute, questions.UserName);
        return new CreateLookup(existing, questions.Asked, held);
    }

    /// <summary>The questions a create with these values asks of the directory, each as a search term.</summary>
    private CreateQuestions Questions(Dictionary<string, List<string>> candidates, HashSet<string> generated)
    {
        var externalId = candidates.GetValueOrDefault(_schema.ExternalIdAttribute) is [var id, ..] ? id : null;
        var userName = !generated.Contains(_schema.UserNameAttribute) && candidates.GetValueOrDefault(_schema.UserNameAttribute) is [var name, ..]
            ? name : null;
        var asked = generated.Where(candidates.ContainsKey)
            .SelectMany(a => candidates[a].Select(c => (Attribute: a, Value: Rule(a)?.Clean(c) ?? c)))
            .Where(c => c.Value.Length > 0).ToHashSet();
        var terms = asked.Select(c => new LookupTerm(c.Attribute, c.Value, $"({c.Attribute}={LdapText.Filter(c.Value)})")).ToList();
        // No account filter in these terms: what they find is judged an account or not here (Holding). ORed over a
        // few hundred terms, an objectClass term in each made slapd read its index of every account once per term.
        foreach (var (attribute, value) in new[] { (_schema.ExternalIdAttribute, externalId), (_schema.UserNameAttribute, userName) })
        {
            if (value is not null)
            {
                terms.Add(new LookupTerm(attribute, value, $"({attribute}={LdapText.Filter(value)})"));
            }
        }
        return new CreateQuestions(externalId, userName, asked, terms);
    }

    /// <summary>Whether an entry holds <paramref name="value"/> in <paramref name="attribute"/>: from the lookup when
    /// it asked, else from the directory.</summary>
    private Task<bool> Holds(CreateLookup lookup, string attribute, string value, CancellationToken cancellationToken) =>
        lookup.Asked.Contains((attribute, value)) ? Task.FromResult(lookup.Held.Contains((attribute, value)))
            : Holds(attribute, value, cancellationToken);

    /// <summary>One question: whether some entry holds <paramref name="Value"/> in <paramref name="Attribute"/>.</summary>
    private sealed record LookupTerm(string Attribute, string Value, string Filter);

    private sealed record CreateQuestions(
        string? ExternalId,
        string? UserName,
        HashSet<(string Attribute, string Value)> Asked,
        List<LookupTerm> Terms);

    private sealed record NewEntry(
        PlannedChange Change,
        Dictionary<string, List<string>> Candidates,
        HashSet<string> Generated,
        CreateQuestions Questions);

    private sealed record CreateLookup(
        SearchResultEntry? Existing,
        HashSet<(string Attribute, string Value)> Asked,
        HashSet<(string Attribute, string Value)> Held);
}
