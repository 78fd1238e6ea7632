using Headwater.Data;
using Headwater.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Headwater.Service;

/// <summary>What to replay: one event by its id, or every dead event (of one destination) with its subscription enabled.</summary>
public sealed record ReplayRequest(string? Id = null, bool Dead = false, string? Destination = null);

/// <summary>The outbox's events and the disabled subscriptions, as <c>headwater events</c> shows them.</summary>
public sealed record EventList(IReadOnlyList<EventView> Events, IReadOnlyList<DisabledView> Disabled);

/// <summary>A webhook disabled by a 410, since when and why.</summary>
public sealed record DisabledView(string Destination, DateTimeOffset DisabledAt, string Reason);

/// <summary>An integration's webhook outbox (docs/webhooks.md): list its events by status (read), and replay one or
/// every dead event with its webhook-id kept (admin).</summary>
public static class EventsApi
{
    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var events = endpoints.MapGroup("/api/integrations/{name}/events").WithTags("Events").RequireAuthorization(ApiScopes.Read);
        events.MapGet("", List).WithName("ListEvents")
            .WithSummary("The webhook events in the outbox, newest first (status: pending, delivered or dead; destination), without "
                + "their bodies, and the subscriptions a 410 disabled.");
        events.MapPost("/replay", Replay).RequireAuthorization(ApiScopes.Admin).WithName("ReplayEvents")
            .WithSummary("Sends events again with the same webhook-id: one by id, or every dead event (dead: true, of one destination "
                + "if given), which also enables a subscription a 410 disabled.");
        return endpoints;
    }

    private static async Task<Results<Ok<EventList>, ProblemHttpResult>> List(string name, HeadwaterDb db, CancellationToken cancellationToken,
        string? status = null, string? destination = null, int limit = 50)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        EventStatus? only = null;
        if (status is not null)
        {
            if (!Enum.TryParse<EventStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown status",
                    detail: $"'{status}' is not a status; give pending, delivered or dead.");
            }
            only = parsed;
        }
        db.IntegrationId = record.Id;
        var events = await EventOutbox.List(db, only, destination, Math.Clamp(limit, 1, 1000), cancellationToken);
        var disabled = await EventOutbox.Disabled(db, cancellationToken);
        return TypedResults.Ok(new EventList(events, [.. disabled.Select(d => new DisabledView(d.Destination, d.DisabledAt, d.Reason))]));
    }

    private static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> Replay(string name, ReplayRequest request, HeadwaterDb db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        if (request.Id is null == !request.Dead)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Nothing to replay",
                detail: "Give either an event's id or dead: true, not both or neither.");
        }
        db.IntegrationId = record.Id;
        var result = request.Id is { } id ? await EventOutbox.Replay(db, time, id, cancellationToken)
            : await EventOutbox.ReplayDead(db, time, request.Destination, cancellationToken);
        return result is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such event",
                detail: $"'{name}' has no event '{request.Id}'.")
            : TypedResults.Ok(result);
    }
}
