using System.Collections.Concurrent;

namespace Headwater.Benchmarks;

/// <summary>SCIM requests by method and resource ("GET Users", "PATCH Groups"), every attempt counted.</summary>
internal sealed class ScimCallCounter(Uri scimRoot)
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>The counts since the last call, then zeroes them.</summary>
    public SortedDictionary<string, int> TakeCounts()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in _calls.Keys)
        {
            if (_calls.TryRemove(key, out var count))
            {
                counts[key] = count;
            }
        }
        return counts;
    }

    public DelegatingHandler Handler() => new CountingHandler(this);

    private void Count(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var root = scimRoot.AbsolutePath;
        var relative = path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..] : path;
        var resource = relative.Split('/', 2)[0];
        _calls.AddOrUpdate($"{request.Method.Method} {resource}", 1, (_, count) => count + 1);
    }

    /// <summary>Registered after the resilience handler, so each retry is a request of its own.</summary>
    private sealed class CountingHandler(ScimCallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Count(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
