using Headwater.Configuration;
using Headwater.Connectors.Ukg;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Scheduling;
using Headwater.Syncing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Service;

/// <summary>An integration's connection (admin): check UKG's credentials and permissions, test one destination, and
/// disconnect, which stops syncing and, when confirmed, deactivates every account Headwater created or adopted.</summary>
public static class ConnectionApi
{
    /// <summary>A check answers while someone waits: one retry, not a sync's patience with a host that does not answer.</summary>
    private static readonly UkgClientOptions CheckClient = new()
    {
        MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(20), TotalTimeout = TimeSpan.FromSeconds(45),
    };

    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapConnectionApi(this IEndpointRouteBuilder endpoints)
    {
        var integration = endpoints.MapGroup("/api/integrations/{name}").WithTags("Connection").RequireAuthorization(ApiScopes.Admin);
        integration.MapPost("/check", Check).WithName("CheckConnection")
            .WithSummary("Probes each UKG web service a sync reads: Granted, Missing, Unauthorized or Failing, with what to do.");
        integration.MapPost("/destinations/{destination}/check", CheckDestination).WithName("CheckDestination")
            .WithSummary("Tests one destination with its stored settings, changing nothing in it: passed, with what it answered, "
                + "or failed, with what to do.");
        integration.MapPost("/disconnect", Disconnect).WithName("Disconnect")
            .WithSummary("Stops syncing; with deactivateAccounts and confirm repeating the name, 202 with the run that deactivates "
                + "every account Headwater manages.");
        return endpoints;
    }

    private static async Task<Results<Ok<ConnectionCheck>, ValidationProblem, ProblemHttpResult>> Check(string name, HeadwaterDb db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        if (IntegrationsApi.Runtime(record, out var invalid) is not { } integration)
        {
            return invalid!;
        }
        return TypedResults.Ok(await CheckAsync(db, record, integration, time, cancellationToken));
    }

    private static async Task<Results<Ok<DestinationCheckView>, ValidationProblem, ProblemHttpResult>> CheckDestination(string name,
        string destination, HeadwaterDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        if (IntegrationsApi.Runtime(record, out var invalid) is not { } integration)
        {
            return invalid!;
        }
        if (await DestinationChecks.RunAsync(integration, destination, time, cancellationToken) is not { } result)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such destination",
                detail: $"The integration '{record.Name}' has no destination named '{destination}'; its destinations are "
                    + string.Join(", ", integration.Destinations.Select(d => d.Name)) + ".");
        }
        return TypedResults.Ok(DestinationCheckView.Of(record.Name, destination, result));
    }

    /// <summary>Probes each UKG web service a sync reads, and records the integration as connected when UKG accepted it.</summary>
    internal static async Task<ConnectionCheck> CheckAsync(HeadwaterDb db, IntegrationRecord record, Integration integration,
        TimeProvider time, CancellationToken cancellationToken)
    {
        await using var services = SyncServices.Build(integration, time, CheckClient);
        var probes = await services.GetRequiredService<UkgCheck>().Run(cancellationToken);
        // A 403 comes from an account UKG authenticated; an unreachable host says nothing about the credentials.
        var connected = probes.Any(p => p.Outcome is ProbeOutcome.Granted or ProbeOutcome.Missing)
            && probes.All(p => p.Outcome != ProbeOutcome.Unauthorized);
        if (connected)
        {
            record.ConnectedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        return new ConnectionCheck(record.Name, connected, record.ConnectedAt, [.. probes.Select(ProbeView.Of)]);
    }

    private static async Task<Results<Ok<IntegrationStatus>, Accepted<RunAccepted>, ValidationProblem, ProblemHttpResult>> Disconnect(
        string name, DisconnectRequest request, HeadwaterDb db, IntegrationScheduler scheduler, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        if (request.DeactivateAccounts && request.Confirm != record.Name)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["confirm"] =
                    [$"Deactivating every account Headwater manages needs confirm to repeat the integration's name ('{record.Name}')."],
            }, title: "Not confirmed");
        }
        record.Paused = true;
        record.DisconnectedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.RescheduleAsync(record.Id, cancellationToken);
        if (request.DeactivateAccounts)
        {
            // Queued like any run, so it waits for a sync in progress rather than racing it.
            return RunsApi.Accepted(await scheduler.RunAsync(db, record.Id, RunTrigger.Disconnect, cancellationToken));
        }
        await db.Entry(record).ReloadAsync(cancellationToken);
        return TypedResults.Ok(await IntegrationsApi.StatusAsync(db, scheduler.Runner, record, cancellationToken));
    }
}
