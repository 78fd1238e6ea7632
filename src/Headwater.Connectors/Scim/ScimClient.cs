using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;
using Headwater.Core.Destinations;
using Polly.Timeout;

namespace Headwater.Connectors.Scim;

/// <summary>
/// A SCIM 2.0 service provider over a typed HttpClient (resilience is configured in <see cref="ScimServices"/>):
/// bearer or basic authentication, <c>application/scim+json</c> bodies, booleans as strings when the compatibility
/// profile asks for it, and paged lists. HTTP errors come back as <see cref="ScimResponse"/>s, never as exceptions.
/// </summary>
public sealed class ScimClient
{
    private const int MaxDetail = 500;
    private static readonly MediaTypeHeaderValue ScimMediaType = new(ScimSchemas.MediaType) { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly DestinationSignals? _signals;
    private DateTimeOffset _pausedUntil;

    /// <param name="http">The client, behind the resilience handler of <see cref="ScimServices.AddScim"/>.</param>
    /// <param name="options">Where the server is and how to talk to it.</param>
    /// <param name="time">The clock for rate-limit pauses.</param>
    /// <param name="signals">Told when the run waits for a Retry-After the resilience handler honours.</param>
    public ScimClient(HttpClient http, ScimOptions options, TimeProvider? time = null, DestinationSignals? signals = null)
    {
        _time = time ?? TimeProvider.System;
        _signals = signals;
        options.Validate();
        _http = http;
        Options = options;
        _http.BaseAddress = options.Root;
        _http.DefaultRequestHeaders.Authorization = string.IsNullOrEmpty(options.BearerToken)
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.UserName}:{options.Password}")))
            : new AuthenticationHeaderValue("Bearer", options.BearerToken);
        _http.DefaultRequestHeaders.Accept.Clear();
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimSchemas.MediaType));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
    }

    public ScimOptions Options { get; }

    public ScimCompatibility Compatibility => Options.Compatibility;

    public Task<ScimResponse> Get(string path, CancellationToken cancellationToken = default) =>
        Send(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>One request, with <paramref name="body"/> as its JSON body. Returns the outcome, whatever it was.</summary>
    public async Task<ScimResponse> Send(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken = default)
    {
        var (status, text, failure) = await SendText(method, path, body, cancellationToken);
        return ToResponse(method.Method, path, status, text, failure);
    }

    private static ScimResponse ToResponse(string method, string path, HttpStatusCode status, string text, string? failure)
    {
        if (failure is not null)
        {
            return new ScimResponse(method, path, 0, null, null, failure);
        }
        var json = ParseObject(text);
        if ((int)status is >= 200 and < 300)
        {
            return new ScimResponse(method, path, status, json, null, null);
        }
        ScimErrorBody? error = null;
        try
        {
            error = json?.Deserialize(ScimJsonContext.Default.ScimErrorBody);
        }
        catch (JsonException)
        {
            // not a SCIM error body: the raw text is the detail
        }
        var detail = error?.Detail ?? (text.Length > MaxDetail ? text[..MaxDetail] : text);
        return new ScimResponse(method, path, status, json, error?.ScimType, string.IsNullOrWhiteSpace(detail) ? null : detail.Trim());
    }

    /// <summary>
    /// Every resource of a type (optionally filtered), page by page with <c>startIndex</c> and <c>count</c>. Paging
    /// advances by the number of resources received, so servers that cap pages below the asked-for count are read in
    /// full; it stops at <c>totalResults</c> or an empty page. A failed page throws: a partial list is never complete.
    /// Accounts created or deleted while a list is read can shift the pages (SCIM paging is by offset).
    /// </summary>
    public async IAsyncEnumerable<JsonObject> List(string resourceType, string? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = 1;
        string? previousFirst = null;
        var filterQuery = filter is null ? "" : "&filter=" + Uri.EscapeDataString(filter);
        while (true)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{resourceType}?startIndex={start}&count={Compatibility.PageSize}{filterQuery}");
            var page = await ReadPage(path, cancellationToken);
            var resources = page.Resources ?? [];
            if (resources.Count == 0)
            {
                yield break;
            }
            var first = resources[0]["id"]?.ToString();
            if (start > 1 && first is not null && first == previousFirst)
            {
                throw new ScimRequestException(new ScimResponse("GET", path, HttpStatusCode.OK, null, null, null),
                    $"GET {path} returned the previous page again: the server ignores startIndex, so its accounts cannot be listed completely.");
            }
            previousFirst = first;
            foreach (var resource in resources)
            {
                yield return resource;
            }
            start += resources.Count;
            if (page.TotalResults is { } total && start > total)
            {
                yield break;
            }
        }
    }

    private async Task<ScimListResponse> ReadPage(string path, CancellationToken cancellationToken)
    {
        var (status, text, failure) = await SendText(HttpMethod.Get, path, null, cancellationToken);
        if (failure is not null || (int)status is < 200 or >= 300)
        {
            throw new ScimRequestException(ToResponse("GET", path, status, text, failure));
        }
        try
        {
            return JsonSerializer.Deserialize(text, ScimJsonContext.Default.ScimListResponse)
                ?? throw new JsonException("the body was null");
        }
        catch (JsonException e)
        {
            throw new ScimRequestException(new ScimResponse("GET", path, status, null, null, e.Message),
                $"GET {path} did not return a SCIM ListResponse: {e.Message}");
        }
    }

    private async Task<(HttpStatusCode Status, string Text, string? Failure)> SendText(
        HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            var wire = Compatibility.BooleansAsStrings ? BooleansToStrings(body.DeepClone()) : body;
            request.Content = new StringContent(wire.ToJsonString(), ScimMediaType);
        }
        if (_signals is not null)
        {
            request.Options.Set(ScimServices.SignalsKey, _signals);
        }
        if (_time.GetUtcNow() < _pausedUntil)
        {
            // The server asked to wait longer than Headwater waits: not asked again in this run.
            return (HttpStatusCode.TooManyRequests, $"Rate limited: the server asked to wait until {_pausedUntil:HH:mm:ss} UTC, longer than the " +
                $"{Options.MaxRetryAfter.TotalSeconds:0} s a run waits; left for the next run.", null);
        }
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (RetryAfter(response) is { } wait && wait > Options.MaxRetryAfter)
            {
                _pausedUntil = _time.GetUtcNow() + wait;
                text = $"Rate limited: the server asked to wait {wait.TotalSeconds:0} s, longer than the {Options.MaxRetryAfter.TotalSeconds:0} s " +
                    "a run waits; this and what is left are for the next run.";
            }
            return (response.StatusCode, text, null);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (0, "", $"{_http.BaseAddress?.Authority}: {NoAnswer(e)}");
        }
    }

    /// <summary>How long a 429 or 503 asks to wait (Retry-After as seconds or a date), or null.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response) =>
        response is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable, Headers.RetryAfter: { } after }
            ? after.Delta ?? (after.Date is { } date ? date - TimeProvider.System.GetUtcNow() : null)
            : null;

    /// <summary>Why no answer came, in words that name the cause rather than the library that gave up.</summary>
    internal static string NoAnswer(Exception e) => e switch
    {
        BrokenCircuitException => "too many requests failed in a row, so no more are sent for a while (the circuit breaker is open); " +
            "the host is down, unreachable or failing",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name could not be resolved (DNS)",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => $"the connection was refused or failed ({e.Message})",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => $"the TLS handshake failed ({e.InnerException?.Message ?? e.Message})",
        TimeoutRejectedException or TimeoutException or OperationCanceledException => "no answer in time (timed out)",
        _ => e.Message,
    };

    private static JsonObject? ParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every JSON boolean in <paramref name="node"/> as "True" or "False" (Entra ID's spelling).</summary>
    internal static JsonNode BooleansToStrings(JsonNode node)
    {
        if (node is JsonValue value)
        {
            return value.GetValueKind() switch
            {
                JsonValueKind.True => JsonValue.Create("True"),
                JsonValueKind.False => JsonValue.Create("False"),
                _ => node,
            };
        }
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is JsonValue).Select(p => p.Key).ToList())
            {
                obj[key] = BooleansToStrings(obj[key]!.DeepClone());
            }
            foreach (var child in obj.Select(p => p.Value).Where(v => v is JsonObject or JsonArray))
            {
                BooleansToStrings(child!);
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonValue item)
                {
                    array[i] = BooleansToStrings(item.DeepClone());
                }
                else if (array[i] is { } child)
                {
                    BooleansToStrings(child);
                }
            }
        }
        return node;
    }
}
