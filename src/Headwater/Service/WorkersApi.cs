using Headwater.Cli;
using Headwater.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Service;

/// <summary>An integration's stored workers (read): search them, and see one with their account in each destination
/// and what was done for them and why, as <c>headwater why</c> tells it. Nothing here reads UKG.</summary>
public static class WorkersApi
{
    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder endpoints)
    {
        var workers = endpoints.MapGroup("/api/integrations/{name}/workers").WithTags("Workers").RequireAuthorization(ApiScopes.Read);
        workers.MapGet("", Search).WithName("SearchWorkers")
            .WithSummary("Stored workers whose name, employee number, ID or email contains search (any case), by name, "
                + "with state and issues.");
        workers.MapGet("/{employeeId}", Get).WithName("GetWorker")
            .WithSummary("One worker by employee ID or number: the stored UKG fields, each destination's account, and the changes "
                + "planned and done for them, newest first, with reasons and outcomes.");
        return endpoints;
    }

    private static async Task<Results<Ok<WorkerSearch>, ProblemHttpResult>> Search(string name, HeadwaterDb db,
        CancellationToken cancellationToken, string? search = null, int limit = 50)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        db.IntegrationId = record.Id;
        var query = db.Workers.AsNoTracking().Search(db, search);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(w => w.DisplayName).ThenBy(w => w.Id).Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WorkerSearch(total, [.. page.Select(WorkerListItem.Of)]));
    }

    private static async Task<Results<Ok<WhyReport>, ProblemHttpResult>> Get(string name, string employeeId, HeadwaterDb db,
        CancellationToken cancellationToken, string? destination = null, int limit = 50)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        // Only scopes and destination names come from it; without it the stored state is still told.
        var integration = IntegrationsApi.Runtime(record, out _);
        db.IntegrationId = record.Id;
        var report = await WhyCommand.Explain(db, integration, employeeId, destination, cancellationToken, Math.Clamp(limit, 1, 500));
        if (report.Worker is null && report.Destinations.All(d => d.Account is null && d.Changes.Count == 0))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such worker",
                detail: $"No worker '{employeeId}' has been read for '{name}', and nothing was done for one.");
        }
        return TypedResults.Ok(report);
    }
}
