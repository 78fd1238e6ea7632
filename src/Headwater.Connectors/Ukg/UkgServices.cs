using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace Headwater.Connectors.Ukg;

/// <summary>Timeouts and retries for UKG calls. The defaults suit 10,000-row pages, which can take a minute.</summary>
public sealed record UkgClientOptions
{
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>The first retry's wait when UKG sends no Retry-After (it does not today); doubles each time.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    public int MaxRetries { get; init; } = 6;
}

public static class UkgServices
{
    /// <summary>
    /// Registers <see cref="UkgClient"/> behind the standard resilience handler: retries on 429 (honouring
    /// Retry-After, else at least <see cref="UkgClientOptions.RetryDelay"/> with exponential back-off), on 5xx, 408 and
    /// timeouts; a circuit breaker that opens when most calls fail (not on 429s); and a per-attempt timeout. 401 and
    /// 403 are never retried.
    /// </summary>
    public static IServiceCollection AddUkg(this IServiceCollection services, UkgConnection connection, UkgClientOptions? options = null)
    {
        options ??= new UkgClientOptions();
        services.AddSingleton(connection);
        services.AddSingleton(options);
        services.AddHttpClient<UkgClient>()
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.Retry.MaxRetryAttempts = options.MaxRetries;
                resilience.Retry.Delay = options.RetryDelay;
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.UseJitter = false; // so a 429 without Retry-After waits at least RetryDelay
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.Retry.OnRetry = retry =>
                {
                    UkgTelemetry.Retried(retry.Context.GetRequestMessage()?.RequestUri, retry.Outcome.Result?.StatusCode,
                        retry.Outcome.Exception);
                    return ValueTask.CompletedTask;
                };
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 + TimeSpan.FromSeconds(1);
                resilience.CircuitBreaker.MinimumThroughput = 20;
                // The breaker is for a tenant that is down, not one that is flaky or throttling: retries ride out a
                // share of 5xx and timeouts, and a 429 is UKG asking for a pause, which the retry gives it.
                resilience.CircuitBreaker.FailureRatio = 0.8;
                resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
                    { Result.StatusCode: HttpStatusCode.RequestTimeout } => true,
                    { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
                    _ => false,
                });
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
                    { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout } => true,
                    { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
                    _ => false,
                });
            });
        services.AddTransient<UkgReader>();
        return services;
    }
}
