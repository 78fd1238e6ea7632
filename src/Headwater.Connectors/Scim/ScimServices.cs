using System.Net;
using Headwater.Core.Destinations;
using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace Headwater.Connectors.Scim;

public static class ScimServices
{
    /// <summary>The name of the HttpClient behind the SCIM destination called <paramref name="name"/>, for adding
    /// handlers to it.</summary>
    public static string HttpClientName(string name) => "scim:" + name;

    /// <summary>Carries the run's <see cref="DestinationSignals"/> on a request down to the retry that waits.</summary>
    internal static readonly HttpRequestOptionsKey<DestinationSignals> SignalsKey = new("headwater.signals");

    /// <summary>
    /// Registers the SCIM destination called <paramref name="name"/>: a <see cref="ScimClient"/> behind the standard
    /// resilience handler (retries on 429 honouring Retry-After, else <see cref="ScimOptions.RetryDelay"/> doubling;
    /// on 408, 5xx and timeouts; a circuit breaker on server failures; a per-attempt timeout), and
    /// <see cref="ScimDestination"/> as a keyed <see cref="ScimDestination"/> and <see cref="IDestination"/> under
    /// <paramref name="name"/>. 4xx other than 408 and 429 are never retried. Several destinations may be registered.
    /// </summary>
    public static IServiceCollection AddScim(this IServiceCollection services, string name, ScimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clientName = HttpClientName(name);
        services.AddHttpClient(clientName)
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.Retry.MaxRetryAttempts = options.MaxRetries;
                resilience.Retry.Delay = options.RetryDelay;
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.UseJitter = false; // so a 429 without Retry-After waits at least RetryDelay
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)
                    && !(ScimClient.RetryAfter(args.Outcome.Result) > options.MaxRetryAfter));
                resilience.Retry.OnRetry = args =>
                {
                    ReportWait(args.Outcome.Result, args.RetryDelay);
                    return ValueTask.CompletedTask;
                };
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 + TimeSpan.FromSeconds(1);
                resilience.CircuitBreaker.MinimumThroughput = 20;
                // A rate limit is the server pacing us, not failing: only errors and timeouts open the circuit.
                resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests);
            });
        services.AddKeyedTransient(name, (provider, _) =>
            new ScimClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient(clientName), options,
                provider.GetService<TimeProvider>(), provider.GetService<DestinationSignals>()));
        services.AddKeyedTransient(name, (provider, _) => new ScimDestination(name, provider.GetRequiredKeyedService<ScimClient>(name)));
        services.AddKeyedTransient<IDestination>(name, (provider, _) => provider.GetRequiredKeyedService<ScimDestination>(name));
        return services;
    }

    /// <summary>A wait the server asked for, told to the run so a long pause is not taken for a hang.</summary>
    private static void ReportWait(HttpResponseMessage? response, TimeSpan wait)
    {
        if (ScimClient.RetryAfter(response) is null || response?.RequestMessage is not { } request
            || !request.Options.TryGetValue(SignalsKey, out var signals))
        {
            return;
        }
        var host = request.RequestUri?.Authority ?? "the destination";
        var why = response.StatusCode == HttpStatusCode.TooManyRequests ? "rate limited" : "unavailable";
        signals.Report(new DestinationWait(host, wait, $"{why}: {host} asked to wait {wait.TotalSeconds:0} s (Retry-After)"));
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout } => true,
        { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
        _ => false,
    };
}
