using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination : IChangePreparation
{
    /// <summary>Searches sent at once while preparing: enough to keep a server's threads busy, few enough to leave
    /// connections for anything else in flight.</summary>
    private const int PreparingSearches = 4;

    /// <summary>What each create of this run asked and what the preparation found for it, taken by its create.</summary>
    private readonly ConcurrentDictionary<string, PreparedLookup> _prepared = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Asks the questions of every create in the run before the first is added, in searches of many terms each: ten
    /// thousand hires cost the directory a few dozen searches instead of one or more each. What an entry added by this
    /// run takes is still kept from the others by the values held for the run (<see cref="UniqueValues"/>). A search
    /// that fails leaves each create to ask for itself, as it would without a preparation.
    /// </summary>
    public async Task Prepare(IReadOnlyList<PlannedChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _prepared.Clear(); // answers are this run's only
        var creates = changes.Where(c => c.IsChange && c.Kind == ChangeKind.Create).Select(ToNewEntry)
            .Where(c => c.Questions.Terms.Count > 0).DistinctBy(c => c.Change.WorkerId, StringComparer.OrdinalIgnoreCase).ToList();
        if (creates.Count < 2)
        {
            return; // one create asks as it goes, in the same one search
        }
        var terms = creates.SelectMany(c => c.Questions.Terms).DistinctBy(t => t.Filter, StringComparer.OrdinalIgnoreCase).ToList();
        var found = new ConcurrentDictionary<string, SearchResultEntry>(StringComparer.OrdinalIgnoreCase);
        var options = new ParallelOptions { MaxDegreeOfParallelism = PreparingSearches, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(terms.Chunk(LookupBatches.MaxTerms), options, async (chunk, token) =>
            {
                var filter = LdapText.AnyOf([.. chunk.Select(t => t.Filter)]);
                await foreach (var entry in _connections.Search(LookupBase, filter, _schema.AccountAttributes(Options), token))
                {
                    found.TryAdd(entry.DistinguishedName, entry);
                }
            });
        }
        catch (Exception e) when (e is DestinationException or DirectoryException)
        {
            return;
        }
        // The entries by each value they hold in an attribute asked about, ignoring case as the lookups compare them.
        var byValue = terms.Select(t => t.Attribute).Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(a => a,
            a => found.Values.SelectMany(e => LdapText.All(e, a).Select(v => (Value: v, Entry: e))).ToLookup(p => p.Value, p => p.Entry,
                StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        foreach (var create in creates)
        {
            var entries = create.Questions.Terms.SelectMany(t => byValue[t.Attribute][t.Value]).Distinct().ToList();
            _prepared[create.Change.WorkerId] = new PreparedLookup(create, entries);
        }
    }

    /// <summary>A create as the preparation worked it out, and the entries its questions found.</summary>
    private sealed record PreparedLookup(NewEntry Entry, IReadOnlyList<SearchResultEntry> Found);
}
