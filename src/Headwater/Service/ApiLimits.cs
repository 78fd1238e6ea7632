using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Headwater.Service;

/// <summary>A fixed window of requests per token (per address for requests without one; health probes are not counted),
/// refused with 429 and Retry-After; and a cap on request bodies, refused with 413.</summary>
public static class ApiLimits
{
    /// <param name="services">The service's services.</param>
    public static IServiceCollection AddApiLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ServiceOptions>>((limiter, service) =>
        {
            var options = service.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetFixedWindowLimiter(Partition(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.RateLimitWindow,
                        QueueLimit = 0,
                    }));
            // The status code pages write the 429's ProblemDetails; this adds when to come back.
            limiter.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>Refuses a body declared larger than the limit at once, and caps one that is not declared (chunked) where
    /// the server enforces it.</summary>
    /// <param name="app">The service's pipeline.</param>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(context);
    });

    private static string Partition(HttpContext context) =>
        context.User.FindFirst(TokenAuthentication.TokenIdClaim)?.Value is { } token
            ? $"token:{token}"
            : $"address:{context.Connection.RemoteIpAddress}";
}
