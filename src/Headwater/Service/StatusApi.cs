using System.Reflection;
using Headwater.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Service;

/// <summary>What <c>GET /api/status</c> answers. <see cref="Schema"/> is <c>current</c> or <c>behind</c>.</summary>
public sealed record ServiceStatus(string Version, string Database, string Schema, IReadOnlyList<string> PendingMigrations,
    DateTimeOffset StartedAt, TimeSpan Uptime);

/// <summary>When the service started, for its uptime.</summary>
public sealed record ServiceStarted(DateTimeOffset At);

/// <summary><c>GET /api/status</c>: the build, the database and how long the service has run (scope read).</summary>
public static class StatusApi
{
    private static readonly string Version =
        typeof(StatusApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/status").WithTags("Status").RequireAuthorization(ApiScopes.Read)
            .MapGet("", GetStatus).WithName("GetStatus").WithSummary("The service's version, database, schema and uptime.");
        return endpoints;
    }

    private static async Task<Ok<ServiceStatus>> GetStatus(HeadwaterDb db, ServiceStarted started, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return TypedResults.Ok(new ServiceStatus(Version, db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite",
            pending.Count == 0 ? "current" : "behind", pending, started.At, time.GetUtcNow() - started.At));
    }
}
