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

    /// <summary>Terms asked in one part of a preparation: a full search for each of the searches sent at once.</summary>
    private const int TermsPerPart = PreparingSearches * LookupBatches.MaxTerms;

    /// <summary>Each create of this run waiting for what the preparation works out for it, taken by the create.</summary>
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PreparedLookup?>> _prepared = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The latest preparation, which goes on while its first creates are added.</summary>
    private Task _preparing = Task.CompletedTask;

    /// <summary>
    /// Asks the questions of every create in the run before it is added, in searches of many terms each: ten thousand
    /// hires cost the directory a few dozen searches instead of one or more each. The creates are worked out and asked
    /// in parts, in the order they come: this returns once the first part is answered, and the others are asked while
    /// the first creates are added, each create waiting for its own part. A later part may find entries this run has
    /// added since; what they hold is taken either way, as the values held for the run say (<see cref="UniqueValues"/>).
    /// A search that fails, or a preparation stopped midway, leaves each create it did not answer to ask for itself.
    /// </summary>
    public async Task Prepare(IReadOnlyList<PlannedChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await _preparing; // a stopped run's preparation ends with it
        _prepared.Clear(); // answers are this run's only
        var creates = changes.Where(c => c.IsChange && c.Kind == ChangeKind.Create)
            .DistinctBy(c => c.WorkerId, StringComparer.OrdinalIgnoreCase)
            .Select(c => (Change: c, Waiting: new TaskCompletionSource<PreparedLookup?>(TaskCreationOptions.RunContinuationsAsynchronously)))
            .ToList();
        if (creates.Count < 2)
        {
            return; // one create asks as it goes, in the same one search
        }
        foreach (var (change, waiting) in creates)
        {
            _prepared[change.WorkerId] = waiting;
        }
        var firstAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _preparing = Task.Run(async () =>
        {
            try
            {
                foreach (var part in Parts(creates))
                {
                    await Answer(part, cancellationToken);
                    firstAnswered.TrySetResult();
                }
            }
            catch (Exception)
            {
                // Stopped with the run, or a create that cannot be worked out: each create still waiting asks for itself,
                // and one that fails does so as its own change.
            }
            finally
            {
                foreach (var (_, waiting) in creates)
                {
                    waiting.TrySetResult(null);
                }
                firstAnswered.TrySetResult();
            }
        }, CancellationToken.None);
        await firstAnswered.Task;
    }

    /// <summary>The creates worked out in order, cut where their terms fill a part; one that asks nothing is answered at once.</summary>
    private IEnumerable<List<(NewEntry Entry, TaskCompletionSource<PreparedLookup?> Waiting)>> Parts(
        IEnumerable<(PlannedChange Change, TaskCompletionSource<PreparedLookup?> Waiting)> creates)
    {
        var part = new List<(NewEntry, TaskCompletionSource<PreparedLookup?>)>();
        var terms = 0;
        foreach (var (change, waiting) in creates)
        {
            var entry = ToNewEntry(change);
            if (entry.Questions.Terms.Count == 0)
            {
                waiting.TrySetResult(new PreparedLookup(entry, []));
                continue;
            }
            if (part.Count > 0 && terms + entry.Questions.Terms.Count > TermsPerPart)
            {
                yield return part;
                (part, terms) = ([], 0);
            }
            part.Add((entry, waiting));
            terms += entry.Questions.Terms.Count;
        }
        if (part.Count > 0)
        {
            yield return part;
        }
    }

    /// <summary>Asks one part's questions and gives each of its creates the entries found for its own.</summary>
    private async Task Answer(List<(NewEntry Entry, TaskCompletionSource<PreparedLookup?> Waiting)> part,
        CancellationToken cancellationToken)
    {
        var terms = part.SelectMany(c => c.Entry.Questions.Terms).DistinctBy(t => t.Filter, StringComparer.OrdinalIgnoreCase).ToList();
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
            foreach (var (entry, waiting) in part)
            {
                waiting.TrySetResult(new PreparedLookup(entry, null));
            }
            return;
        }
        // The entries by each value they hold in an attribute asked about, ignoring case as the lookups compare them.
        var byValue = terms.Select(t => t.Attribute).Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(a => a,
            a => found.Values.SelectMany(e => LdapText.All(e, a).Select(v => (Value: v, Entry: e))).ToLookup(p => p.Value, p => p.Entry,
                StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        foreach (var (entry, waiting) in part)
        {
            var entries = entry.Questions.Terms.SelectMany(t => byValue[t.Attribute][t.Value]).Distinct().ToList();
            waiting.TrySetResult(new PreparedLookup(entry, entries));
        }
    }

    /// <summary>A create as the preparation worked it out, and the entries its questions found; null when they were not
    /// asked (a search failed), and the create asks for itself.</summary>
    private sealed record PreparedLookup(NewEntry Entry, IReadOnlyList<SearchResultEntry>? Found);
}
