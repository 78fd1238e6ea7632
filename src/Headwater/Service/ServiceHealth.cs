using Headwater.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Headwater.Service;

/// <summary>The database answers and its schema has every migration this build knows.</summary>
public sealed class DatabaseHealthCheck(HeadwaterDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"The schema is {pending} migration(s) behind.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not the exception's message: a provider's may quote the connection string.
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
    }
}

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (and its database is usable), both
/// without a token so that orchestrators can probe them.</summary>
public static class ServiceHealth
{
    private const string Ready = "ready";

    /// <param name="services">The service's services.</param>
    public static IServiceCollection AddServiceHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
        return services;
    }

    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapServiceHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
        return endpoints;
    }
}
