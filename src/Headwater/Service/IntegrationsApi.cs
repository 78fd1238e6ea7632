using System.Text.Json;
using Headwater.Configuration;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Service;

/// <summary><c>/api/integrations</c>: the stored integrations with their status (read); create or update, delete,
/// pause and resume (admin). Integrations are named by the <c>name</c> in their configuration.</summary>
public static class IntegrationsApi
{
    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapIntegrationsApi(this IEndpointRouteBuilder endpoints)
    {
        var integrations = endpoints.MapGroup("/api/integrations").WithTags("Integrations").RequireAuthorization(ApiScopes.Read);
        integrations.MapGet("", List).WithName("ListIntegrations").WithSummary("Every integration with its status.");
        integrations.MapGet("/{name}", Get).WithName("GetIntegration")
            .WithSummary("One integration: its configuration (secrets as ${VAR} references only) and status.");
        integrations.MapPut("/{name}", Put).RequireAuthorization(ApiScopes.Admin).WithName("PutIntegration")
            .WithSummary("Creates or updates an integration; with dryRun=true, only says what would change.");
        integrations.MapDelete("/{name}", Delete).RequireAuthorization(ApiScopes.Admin).WithName("DeleteIntegration")
            .WithSummary("Deletes an integration and its state; the accounts in its destinations are left as they are.");
        integrations.MapPost("/{name}/pause", (string name, HeadwaterDb db, IntegrationScheduler scheduler, CancellationToken ct) =>
                SetPaused(name, true, db, scheduler, ct))
            .RequireAuthorization(ApiScopes.Admin).WithName("PauseIntegration").WithSummary("Stops scheduled syncs until resumed.");
        integrations.MapPost("/{name}/resume", (string name, HeadwaterDb db, IntegrationScheduler scheduler, CancellationToken ct) =>
                SetPaused(name, false, db, scheduler, ct))
            .RequireAuthorization(ApiScopes.Admin).WithName("ResumeIntegration").WithSummary("Syncs on the schedule again.");
        return endpoints;
    }

    internal static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such integration",
            detail: $"There is no integration named '{name}'.");

    internal static Task<IntegrationRecord?> Find(HeadwaterDb db, string name, CancellationToken cancellationToken) =>
        db.Integrations.Include(i => i.Secrets).SingleOrDefaultAsync(i => i.Name == name, cancellationToken);

    /// <summary>The integration as it runs; null, with its stored configuration's problems, when that is not valid.</summary>
    internal static Integration? Runtime(IntegrationRecord record, out ValidationProblem? invalid)
    {
        try
        {
            invalid = null;
            return record.ToIntegration();
        }
        catch (ConfigurationException e)
        {
            invalid = Invalid(e);
            return null;
        }
    }

    private static async Task<Ok<List<IntegrationSummary>>> List(HeadwaterDb db, IntegrationRunner runner, CancellationToken cancellationToken)
    {
        var statuses = await IntegrationStatuses.ListAsync(db, runner.Progress, cancellationToken);
        return TypedResults.Ok(statuses.Select(s => new IntegrationSummary(s.Record.Name, s.Record.Revision, s.Status, s.Record.UpdatedAt))
            .ToList());
    }

    private static async Task<Results<Ok<IntegrationDetail>, ProblemHttpResult>> Get(string name, HeadwaterDb db, IntegrationRunner runner,
        CancellationToken cancellationToken)
    {
        if (await Find(db, name, cancellationToken) is not { } record)
        {
            return NotFound(name);
        }
        using var configuration = JsonDocument.Parse(IntegrationFile.WriteJson(record.Model()));
        return TypedResults.Ok(new IntegrationDetail(record.Name, record.Revision, await StatusAsync(db, runner, record, cancellationToken),
            configuration.RootElement.Clone(), [.. record.Secrets.Select(s => s.Variable).Order(StringComparer.Ordinal)],
            record.CreatedAt, record.UpdatedAt));
    }

    private static async Task<Results<Ok<IntegrationChangeView>, Created<IntegrationChangeView>, ValidationProblem>> Put(string name,
        IntegrationWrite write, HeadwaterDb db, IntegrationScheduler scheduler, TimeProvider time, CancellationToken cancellationToken,
        bool dryRun = false)
    {
        IntegrationSource source;
        try
        {
            source = IntegrationFile.ReadModelJson(write.Configuration.GetRawText(), "the request");
        }
        catch (ConfigurationException e)
        {
            return Invalid(e);
        }
        if (source.Config.Name is { } named && named != name)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = [$"'{named}' is not the integration's name in the path ('{name}'); leave it out or make them equal"],
            });
        }
        source = source with { Config = source.Config with { Name = name } };
        var values = write.Values ?? new Dictionary<string, string>();
        IntegrationChange change;
        try
        {
            change = await StoreAsync(db, scheduler, time, source, v => values.GetValueOrDefault(v), dryRun, cancellationToken);
        }
        catch (ConfigurationException e)
        {
            return Invalid(e);
        }
        var view = IntegrationChangeView.Of(change);
        return change.Kind == IntegrationChangeKind.Create && !dryRun
            ? TypedResults.Created($"/api/integrations/{name}", view)
            : TypedResults.Ok(view);
    }

    /// <summary>Validates an integration as the configuration's validator does and, unless dry, stores it and reschedules
    /// it; a secret whose value is not in <paramref name="values"/> keeps its stored value.</summary>
    /// <exception cref="ConfigurationException">It is not valid: every problem, by path.</exception>
    internal static async Task<IntegrationChange> StoreAsync(HeadwaterDb db, IntegrationScheduler scheduler, TimeProvider time,
        IntegrationSource source, Func<string, string?> values, bool dryRun, CancellationToken cancellationToken)
    {
        var planned = await StoredIntegrations.PlanAsync(db, [source], values, "the request", cancellationToken);
        var change = planned[0].Change;
        if (!dryRun && change.Kind != IntegrationChangeKind.None)
        {
            await StoredIntegrations.ApplyAsync(db, planned, time, cancellationToken);
            var id = await db.Integrations.Where(i => i.Name == change.Name).Select(i => i.Id).SingleAsync(cancellationToken);
            await scheduler.RescheduleAsync(id, cancellationToken);
        }
        return change;
    }

    /// <summary>Problems by path, as the configuration's validator reports them (<c>ukg.baseUrl: ...</c>).</summary>
    internal static ValidationProblem Invalid(ConfigurationException e)
    {
        var errors = e.Problems.Select(problem => problem.Split(": ", 2)).GroupBy(parts => parts.Length == 2 ? parts[0] : "")
            .ToDictionary(g => g.Key, g => g.Select(parts => parts[^1]).ToArray());
        return TypedResults.ValidationProblem(errors, title: "The integration is not valid");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string name, HeadwaterDb db, IntegrationScheduler scheduler,
        CancellationToken cancellationToken)
    {
        if (await Find(db, name, cancellationToken) is not { } record)
        {
            return NotFound(name);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.IntegrationId = record.Id;
            await db.Changes.ExecuteDeleteAsync(cancellationToken);
            await db.SyncRuns.ExecuteDeleteAsync(cancellationToken);
            await db.GroupMembers.ExecuteDeleteAsync(cancellationToken);
            await db.Groups.ExecuteDeleteAsync(cancellationToken);
            await db.Accounts.ExecuteDeleteAsync(cancellationToken);
            await db.WorkerSearchTerms.ExecuteDeleteAsync(cancellationToken);
            await db.Workers.ExecuteDeleteAsync(cancellationToken);
            await db.ReadRuns.ExecuteDeleteAsync(cancellationToken);
            db.Integrations.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await scheduler.RescheduleAsync(record.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IntegrationStatus>, ProblemHttpResult>> SetPaused(string name, bool paused, HeadwaterDb db,
        IntegrationScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await Find(db, name, cancellationToken) is not { } record)
        {
            return NotFound(name);
        }
        record.Paused = paused;
        if (!paused)
        {
            record.DisconnectedAt = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.RescheduleAsync(record.Id, cancellationToken);
        await db.Entry(record).ReloadAsync(cancellationToken);
        return TypedResults.Ok(await StatusAsync(db, scheduler.Runner, record, cancellationToken));
    }

    /// <summary>The integration's status from its latest run, its last success and the running run's progress.</summary>
    internal static async Task<IntegrationStatus> StatusAsync(HeadwaterDb db, IntegrationRunner runner, IntegrationRecord record,
        CancellationToken cancellationToken)
    {
        var runs = db.IntegrationRuns.AsNoTracking().Where(r => r.IntegrationId == record.Id);
        var latest = await runs.Where(r => r.Status != SyncRunStatus.Queued).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var lastSuccess = await runs.Where(r => r.Status == SyncRunStatus.Succeeded).OrderByDescending(r => r.Id)
            .Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        return IntegrationStatus.Of(record, latest, lastSuccess, latest is null ? null : runner.Progress(latest.Id));
    }
}
