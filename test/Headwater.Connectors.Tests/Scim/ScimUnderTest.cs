using System.Collections.Concurrent;
using Headwater.Connectors.Scim;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>
/// The SCIM destination as the application wires it (<see cref="ScimServices.AddScim"/>: client behind the standard
/// resilience handler), with <see cref="Requests"/> seeing every attempt beneath the retries, bodies included.
/// </summary>
public sealed class ScimUnderTest : IDisposable
{
    public const string Name = "scim-under-test";
    private readonly ServiceProvider _services;

    public ScimUnderTest(ScimOptions options)
    {
        var services = new ServiceCollection().AddScim(Name, options);
        services.AddHttpClient(ScimServices.HttpClientName(Name)).AddHttpMessageHandler(() => new RecordingHandler(Requests));
        _services = services.BuildServiceProvider();
        Destination = _services.GetRequiredKeyedService<ScimDestination>(Name);
    }

    public ScimDestination Destination { get; }

    public RequestLog Requests { get; } = new();

    /// <summary>Short retry waits so tests stay quick; a server's Retry-After is still honoured.</summary>
    public static ScimOptions Options(ScimPeer server, ScimCompatibility? compatibility = null) =>
        Options(server.BaseUrl, server.Token, compatibility);

    public static ScimOptions Options(Uri baseUrl, string token, ScimCompatibility? compatibility = null) => new()
    {
        BaseUrl = baseUrl,
        BearerToken = token,
        Compatibility = compatibility ?? new ScimCompatibility(),
        RetryDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(60),
        MaxRetries = 3,
    };

    public static ScimUnderTest For(ScimPeer server, ScimCompatibility? compatibility = null) => new(Options(server, compatibility));

    public void Dispose() => _services.Dispose();
}

/// <summary>One HTTP attempt: method, path and query (relative to the host), status (0: no response), request body.</summary>
public sealed record RecordedRequest(string Method, string Path, int Status, string? Body, string? Authorization);

public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> _all = new();

    public IReadOnlyList<RecordedRequest> All => [.. _all];

    public int Count(string method) => _all.Count(r => r.Method == method);

    public int Count(string method, int status) => _all.Count(r => r.Method == method && r.Status == status);

    internal void Add(RecordedRequest request) => _all.Enqueue(request);

    /// <summary>"METHOD status" for each attempt, for asserting sequences.</summary>
    public IReadOnlyList<string> Summary => [.. _all.Select(r => $"{r.Method} {r.Status}")];
}

internal sealed class RecordingHandler(RequestLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri?.PathAndQuery ?? "";
        var authorization = request.Headers.Authorization?.ToString();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            log.Add(new RecordedRequest(request.Method.Method, path, (int)response.StatusCode, body, authorization));
            return response;
        }
        catch (Exception)
        {
            log.Add(new RecordedRequest(request.Method.Method, path, 0, body, authorization));
            throw;
        }
    }
}
