using Headwater.Configuration;
using Headwater.Data;
using Headwater.Scheduling;
using Headwater.Syncing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Headwater.Service;

/// <summary><c>POST /api/integrations/{name}/plan</c> (admin, as it reads UKG): what a sync would do now, per
/// destination, through the same engine as a sync with nothing applied.</summary>
public static class PlansApi
{
    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/integrations/{name}").WithTags("Plans").RequireAuthorization(ApiScopes.Admin)
            .MapPost("/plan", Plan).WithName("PlanPreview")
            .WithSummary("Reads UKG (what changed; read=false to plan from stored workers) and plans every destination without "
                + "changing any: counts, safety-limit breaches and the first changes (limit, default 100).");
        return endpoints;
    }

    /// <summary>What a sync would do now, through the same engine as a sync with nothing applied (the plan is recorded);
    /// with <c>read</c>, after reading what changed in UKG, else from the stored workers.</summary>
    internal static Task<SyncResult> PreviewAsync(IntegrationRunner runner, IntegrationRecord record, Integration integration, bool read,
        CancellationToken cancellationToken) =>
        SyncEngine.Run(runner.Services(record, integration), integration, new SyncRequest(Apply: false, NoRead: !read),
            cancellationToken: cancellationToken);

    private static async Task<Results<Ok<PlanPreview>, ValidationProblem, ProblemHttpResult>> Plan(string name, HeadwaterDb db,
        IntegrationRunner runner, CancellationToken cancellationToken, bool read = true, int limit = 100)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        if (IntegrationsApi.Runtime(record, out var invalid) is not { } integration)
        {
            return invalid!;
        }
        var result = await PreviewAsync(runner, record, integration, read, cancellationToken);
        var shown = Math.Clamp(limit, 0, 5000);
        return TypedResults.Ok(new PlanPreview(record.Name, result.Read is { } r ? ReadView.Of(r) : null,
            [.. result.Destinations.Select(d => new DestinationPlanView(d.Run.Destination, d.Run.Id, PlanCounts.Of(d.Plan), d.Breaches,
                d.Plan.Changes.Count, [.. d.Plan.Changes.Take(shown).Select(PlannedChangeView.Of)]))],
            [.. result.Failures.Select(FailureView.Of)]));
    }
}
