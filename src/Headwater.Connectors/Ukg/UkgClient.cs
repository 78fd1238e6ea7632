using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// UKG Pro's REST API over a typed HttpClient (resilience is configured in <see cref="UkgServices"/>): HTTP Basic with
/// the service account plus the US-Customer-Api-Key header on every call, and paged reads that follow the Link
/// header when the tenant sends one and otherwise stop at the first empty page. Short pages do not end a read:
/// tenants cap page sizes at 100, 200 or 10,000.
/// </summary>
public sealed class UkgClient
{
    public const string CustomerApiKeyHeader = "US-Customer-Api-Key";
    private const int PageAttempts = 3;
    private readonly HttpClient _http;
    private readonly TimeSpan _bodyTimeout;

    public UkgClient(HttpClient http, UkgConnection connection, UkgClientOptions? options = null)
    {
        _http = http;
        Connection = connection;
        _bodyTimeout = (options ?? new UkgClientOptions()).AttemptTimeout;
        _http.BaseAddress = connection.BaseUrl;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.UserName}:{connection.Password}")));
        _http.DefaultRequestHeaders.Remove(CustomerApiKeyHeader);
        _http.DefaultRequestHeaders.Add(CustomerApiKeyHeader, connection.CustomerApiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
    }

    public UkgConnection Connection { get; }

    /// <summary>Calls made so far: a measure for incremental reads, whose cost should follow the changes.</summary>
    public int Calls => _calls;
    private int _calls;

    /// <summary>More pages than any tenant has (a million people in pages of 100 is 10,000): paging is not working.</summary>
    private const int MaxPages = 50_000;

    /// <summary>Every item of a paged list, page by page (see <see cref="Pages{T}"/>).</summary>
    public async IAsyncEnumerable<T> ReadPages<T>(string path, JsonTypeInfo<List<T>> type, int perPage = 10_000,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var items in Pages(path, type, perPage, cancellationToken))
        {
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    /// <summary>The pages of a paged list, in order, none empty. A page whose body is not valid JSON, is cut off by the
    /// connection dropping, or stops arriving for longer than the attempt timeout is fetched again (the resilience
    /// pipeline only sees the headers); after three tries the read fails: a partial read is never complete.</summary>
    public async IAsyncEnumerable<List<T>> Pages<T>(string path, JsonTypeInfo<List<T>> type, int perPage = 10_000,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var next = new Uri($"{path}{separator}page=1&per_Page={perPage.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative);
        var page = 1;
        var sawLink = false;
        List<T>? previous = null;
        while (true)
        {
            var (items, link) = await ReadPage(next, type, cancellationToken);
            if (items.Count == 0)
            {
                yield break;
            }
            // A server that ignores the page number answers every page alike and would be read for ever.
            if (previous is not null && items.SequenceEqual(previous))
            {
                throw new UkgPagingException(path, page, "the page repeats the one before it");
            }
            if (page > MaxPages)
            {
                throw new UkgPagingException(path, page, $"more than {MaxPages:N0} pages were returned");
            }
            previous = items;
            yield return items;
            page++;
            if (link is not null && SameTenant(link) is { } target)
            {
                sawLink = true;
                next = target;
            }
            else if (sawLink)
            {
                yield break; // the tenant links pages and sent no next link: this was the last page
            }
            else
            {
                next = new Uri($"{path}{separator}page={page.ToString(CultureInfo.InvariantCulture)}&per_Page={perPage.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative);
            }
        }
    }

    /// <summary>An unpaged list (org levels, locations, v1 jobs).</summary>
    public async Task<List<T>> ReadList<T>(string path, JsonTypeInfo<List<T>> type, CancellationToken cancellationToken = default) =>
        (await ReadPage(new Uri(path, UriKind.Relative), type, cancellationToken)).Items;

    /// <summary>One GET, for probes: the caller reads the status.</summary>
    public Task<HttpResponseMessage> Get(string path, CancellationToken cancellationToken = default) =>
        Send(new Uri(path, UriKind.Relative), cancellationToken);

    private async Task<HttpResponseMessage> Send(Uri url, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            UkgTelemetry.Call(url, (int)response.StatusCode, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            UkgTelemetry.Call(url, 0, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>A Link target resolved against the tenant's host (UKG writes it absolute), or null when it points at
    /// another host: the credentials on every call must not follow a header there.</summary>
    private Uri? SameTenant(Uri link)
    {
        var target = link.IsAbsoluteUri ? link : new Uri(Connection.BaseUrl, link);
        return Uri.Compare(target, Connection.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? target : null;
    }

    private async Task<(List<T> Items, Uri? Next)> ReadPage<T>(Uri url, JsonTypeInfo<List<T>> type, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await Send(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new UkgRequestException(url, response.StatusCode, await Body(response, cancellationToken));
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_bodyTimeout);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                var items = await JsonSerializer.DeserializeAsync(body, type, deadline.Token) ?? [];
                return (items, NextLink(response));
            }
            catch (JsonException e) when (attempt < PageAttempts)
            {
                _ = e; // truncated or malformed: fetch the page again
                UkgTelemetry.PageRetried(url);
            }
            catch (JsonException e)
            {
                throw new UkgRequestException(url, response.StatusCode, $"The response was not valid JSON after {PageAttempts} tries: {e.Message}");
            }
            catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= PageAttempts)
                {
                    throw new UkgRequestException(url, response.StatusCode, e is OperationCanceledException
                        ? $"The response body did not arrive within {_bodyTimeout} after {PageAttempts} tries."
                        : $"The response body was cut off after {PageAttempts} tries: {e.Message}");
                }
                UkgTelemetry.PageRetried(url);
            }
        }
    }

    private static async Task<string> Body(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 500 ? text[..500] : text;
    }

    /// <summary>The rel="next" target of a Link header, if any.</summary>
    internal static Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }
        foreach (var part in values.SelectMany(v => v.Split(',')))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (pieces.Length > 1 && pieces[0].StartsWith('<') && pieces[0].EndsWith('>')
                && pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal).Equals("rel=\"next\"", StringComparison.OrdinalIgnoreCase) || p.Equals("rel=next", StringComparison.OrdinalIgnoreCase)))
            {
                return new Uri(pieces[0][1..^1], UriKind.RelativeOrAbsolute);
            }
        }
        return null;
    }
}

/// <summary>A paged UKG list that does not page: the read fails rather than loop or take a repeated page for data.</summary>
public sealed class UkgPagingException(string path, int page, string what)
    : Exception($"Paging is not working for {path}: at page {page}, {what}. The read was stopped; nothing was changed on its account.");

/// <summary>A UKG call that did not succeed after the resilience pipeline's retries.</summary>
public sealed class UkgRequestException(Uri url, System.Net.HttpStatusCode status, string detail)
    : Exception($"GET {url} answered {(int)status} {status}. {detail}".Trim())
{
    public Uri Url { get; } = url;
    public System.Net.HttpStatusCode Status { get; } = status;
}
