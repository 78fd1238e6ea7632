using Headwater.Connectors.Ukg;
using Headwater.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Tests.Support;

/// <summary>
/// The connector as the application wires it (<see cref="UkgServices.AddUkg"/>: typed client behind the standard
/// resilience handler), pointed at a simulator or any other peer. <see cref="Attempts"/> sees every attempt the
/// resilience handler makes, beneath its retries, so tests can tell a retried read from a clean one.
/// </summary>
public sealed class ConnectorUnderTest : IDisposable
{
    private readonly ServiceProvider _services;

    private ConnectorUnderTest(UkgConnection connection, UkgClientOptions options, Action<HttpResponseMessage>? onAttempt)
    {
        Attempts = new AttemptLog(onAttempt);
        var services = new ServiceCollection().AddUkg(connection, options);
        services.AddHttpClient<UkgClient>().AddHttpMessageHandler(() => Attempts);
        _services = services.BuildServiceProvider();
        Reader = _services.GetRequiredService<UkgReader>();
    }

    /// <summary>Short waits so that retried reads stay quick; the rate-limit tests use the real defaults.</summary>
    public static UkgClientOptions Fast { get; } = new()
    {
        RetryDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(60),
    };

    public UkgReader Reader { get; }
    public UkgClient Client => Reader.Client;
    public AttemptLog Attempts { get; }

    /// <summary>The connector signed in to <paramref name="sim"/> as its full service account (or the given one).</summary>
    public static ConnectorUnderTest For(UkgSimulator sim, UkgClientOptions? options = null, string? userName = null, string? password = null,
        Action<HttpResponseMessage>? onAttempt = null) =>
        For(sim.BaseUrl, userName ?? sim.Options.UserName, password ?? sim.Options.Password, sim.Options.CustomerApiKey, options, onAttempt);

    public static ConnectorUnderTest For(Uri baseUrl, string userName, string password, string customerApiKey,
        UkgClientOptions? options = null, Action<HttpResponseMessage>? onAttempt = null) =>
        For(new UkgConnection(baseUrl, userName, password, customerApiKey), options, onAttempt);

    public static ConnectorUnderTest For(UkgConnection connection, UkgClientOptions? options = null, Action<HttpResponseMessage>? onAttempt = null) =>
        new(connection, options ?? Fast, onAttempt);

    public void Dispose() => _services.Dispose();
}

/// <summary>Records the status of every HTTP attempt (or the exception that ended it) on its way back up.</summary>
public sealed class AttemptLog(Action<HttpResponseMessage>? onResponse) : DelegatingHandler
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Path, int Status)> _attempts = new();

    /// <summary>Each attempt's path and query with its status; 0 when it ended without a response (timeout, abort).</summary>
    public IReadOnlyList<(string Path, int Status)> All => [.. _attempts];

    public int Count(int status) => _attempts.Count(a => a.Status == status);

    /// <summary>The most attempts that were waiting for an answer at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);
    private int _inFlight;
    private int _maxInFlight;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.PathAndQuery ?? "";
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            _attempts.Enqueue((path, (int)response.StatusCode));
            onResponse?.Invoke(response);
            return response;
        }
        catch (Exception)
        {
            _attempts.Enqueue((path, 0));
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
