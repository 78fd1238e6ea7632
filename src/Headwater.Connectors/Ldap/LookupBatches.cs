using System.DirectoryServices.Protocols;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// Searches that changes in flight ask for at the same time, sent as one: the filter terms of every caller waiting
/// while a search is out go together in the next one, as an OR, and each caller gets every entry it found and keeps
/// the ones that answer its own question. With eight changes at once that is one search for several of them instead
/// of one each. The first caller never waits for others to come.
/// </summary>
internal sealed class LookupBatches(Func<string, CancellationToken, IAsyncEnumerable<SearchResultEntry>> search)
{
    /// <summary>Terms in one search at most, so the filter stays a size any server takes.</summary>
    internal const int MaxTerms = 200;

    private readonly Lock _gate = new();
    private readonly Queue<Waiting> _waiting = new();
    private bool _searching;

    /// <summary>The entries that match any of <paramref name="terms"/> (and perhaps others'); empty when there are no terms.</summary>
    public Task<IReadOnlyList<SearchResultEntry>> Search(IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        if (terms.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<SearchResultEntry>>([]);
        }
        var waiting = new Waiting(terms, new(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue(waiting);
            start = !_searching;
            _searching = true;
        }
        if (start)
        {
            _ = Task.Run(Drain, CancellationToken.None);
        }
        return waiting.Found.Task.WaitAsync(cancellationToken);
    }

    private async Task Drain()
    {
        while (true)
        {
            var batch = new List<Waiting>();
            lock (_gate)
            {
                while (_waiting.TryPeek(out var next) && (batch.Count == 0 || batch.Sum(b => b.Terms.Count) + next.Terms.Count <= MaxTerms))
                {
                    batch.Add(_waiting.Dequeue());
                }
                if (batch.Count == 0)
                {
                    _searching = false;
                    return;
                }
            }
            try
            {
                var terms = batch.SelectMany(b => b.Terms).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var found = new List<SearchResultEntry>();
                // Not any one caller's to cancel: the others wait for it too. The connection's timeout bounds it.
                await foreach (var entry in search(LdapText.AnyOf(terms), CancellationToken.None))
                {
                    found.Add(entry);
                }
                batch.ForEach(b => b.Found.TrySetResult(found));
            }
            catch (Exception e)
            {
                batch.ForEach(b => b.Found.TrySetException(e));
            }
        }
    }

    private sealed record Waiting(IReadOnlyList<string> Terms, TaskCompletionSource<IReadOnlyList<SearchResultEntry>> Found);
}
