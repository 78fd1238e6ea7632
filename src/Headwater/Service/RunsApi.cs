using System.Globalization;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Reports;
using Headwater.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Service;

/// <summary>
/// Runs: sync an integration now (limited to once per its <c>syncNowLimit</c>, 429 with <c>Retry-After</c> until then)
/// or one employee now; list an integration's runs; one run with each worker's outcome and reason, filterable;
/// approve a run a safety limit stopped.
/// </summary>
public static class RunsApi
{
    /// <summary>How long "sync one employee" waits for its run before answering 202 instead of the finished run.</summary>
    public static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(30);

    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder endpoints)
    {
        var integration = endpoints.MapGroup("/api/integrations/{name}").WithTags("Runs").RequireAuthorization(ApiScopes.Read);
        integration.MapPost("/sync", SyncNow).RequireAuthorization(ApiScopes.Admin).WithName("SyncNow")
            .WithSummary("Syncs the integration now: 202 with the run's id, or 429 with Retry-After while the limit applies.");
        integration.MapPost("/workers/{employeeId}/sync", SyncWorker).RequireAuthorization(ApiScopes.Admin).WithName("SyncWorker")
            .WithSummary("Reads one employee from UKG and syncs them to every destination now; the finished run, or 202 if it takes long.");
        integration.MapGet("/runs", List).WithName("ListRuns").WithSummary("The integration's runs, newest first, with counts and duration.");
        var runs = endpoints.MapGroup("/api/runs").WithTags("Runs").RequireAuthorization(ApiScopes.Read);
        runs.MapGet("/{id:int}", Get).WithName("GetRun")
            .WithSummary("One run, each destination's part, and its per-worker outcomes (filter by status, code, kind, destination, worker).");
        runs.MapGet("/{id:int}/report.csv", Failures).WithName("RunReport").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The run's failed and blocked changes as CSV, with the run report's columns (see outcomes.csv).");
        runs.MapGet("/{id:int}/outcomes.csv", OutcomesCsv).WithName("RunOutcomesCsv")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Every worker's outcome in the run as CSV (?status= for one outcome): destination, employee ID, number "
                + "and name, change, outcome, reason code and words, error, and the values that drove it.");
        runs.MapGet("/{id:int}/outcomes.jsonl", OutcomesJsonLines).WithName("RunOutcomesJsonLines")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
            .WithSummary("Every worker's outcome in the run as JSON Lines, one object a line (?status= for one outcome), "
                + "with the CSV's fields and the values that drove each as an object.");
        runs.MapPost("/{id:int}/approve", Approve).RequireAuthorization(ApiScopes.Admin).WithName("ApproveRun")
            .WithSummary("Applies the plans a safety limit stopped in this run: 202 with the approving run's id.");
        return endpoints;
    }

    private static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> SyncNow(string name, HeadwaterDb db,
        IntegrationScheduler scheduler, HttpContext http, CancellationToken cancellationToken)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        var limit = Limit(record);
        var result = await scheduler.SyncNowAsync(db, record, limit, cancellationToken);
        if (result.RetryAfter is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Synced recently",
                detail: $"'{name}' may be synced now once every {limit.TotalMinutes:0} minutes; it can be again in {seconds} s.");
        }
        return Accepted(result.Run!);
    }

    private static async Task<Results<Ok<RunSummary>, Accepted<RunAccepted>, ProblemHttpResult>> SyncWorker(string name, string employeeId,
        HeadwaterDb db, IntegrationScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        var run = await scheduler.RunAsync(db, record.Id, RunTrigger.Worker, cancellationToken, worker: employeeId.Trim());
        if (!await scheduler.Runner.WaitAsync(run.Id, WorkerWait, cancellationToken))
        {
            return Accepted(run);
        }
        db.ChangeTracker.Clear();
        return TypedResults.Ok(await SummaryAsync(db, scheduler.Runner, await db.IntegrationRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id,
            cancellationToken), record.Name, cancellationToken));
    }

    private static async Task<Results<Ok<List<RunSummary>>, ProblemHttpResult>> List(string name, HeadwaterDb db, IntegrationRunner runner,
        CancellationToken cancellationToken, int limit = 50, int? before = null)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record)
        {
            return IntegrationsApi.NotFound(name);
        }
        var runs = await db.IntegrationRuns.AsNoTracking().Where(r => r.IntegrationId == record.Id && (before == null || r.Id < before))
            .OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        db.IntegrationId = record.Id;
        var ids = runs.Select(r => (int?)r.Id).ToList();
        var parts = (await db.SyncRuns.AsNoTracking().Where(r => ids.Contains(r.IntegrationRunId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.IntegrationRunId);
        return TypedResults.Ok(runs.Select(r => RunSummary.Of(r, record.Name, [.. parts[r.Id]], runner.Progress(r.Id))).ToList());
    }

    private static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> Get(int id, HeadwaterDb db, IntegrationRunner runner,
        CancellationToken cancellationToken, string? status = null, string? code = null, string? kind = null, string? destination = null,
        string? worker = null, int limit = 500, int offset = 0)
    {
        var run = await db.IntegrationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return RunNotFound(id);
        }
        var name = await db.Integrations.Where(i => i.Id == run.IntegrationId).Select(i => i.Name).SingleAsync(cancellationToken);
        db.IntegrationId = run.IntegrationId;
        var parts = await db.SyncRuns.AsNoTracking().Where(r => r.IntegrationRunId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var partIds = parts.Select(p => p.Id).ToList();
        var changes = Filter(db.Changes.AsNoTracking().Where(c => partIds.Contains(c.RunId)), status, code, kind, destination, worker);
        var count = await changes.CountAsync(cancellationToken);
        var page = await changes.OrderBy(c => c.Id).Skip(Math.Max(0, offset)).Take(Math.Clamp(limit, 1, 5000)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RunDetail(RunSummary.Of(run, name, parts, runner.Progress(id)), [.. parts.Select(DestinationRunView.Of)],
            count, [.. page.Select(WorkerOutcome.Of)]));
    }

    /// <summary>A run's changes narrowed to one outcome, reason code, kind of change, destination and worker (each when given).</summary>
    internal static IQueryable<ChangeRecord> Filter(IQueryable<ChangeRecord> changes, string? status, string? code, string? kind,
        string? destination, string? worker)
    {
        if (Enum.TryParse<ChangeStatus>(status, ignoreCase: true, out var changeStatus))
        {
            changes = changes.Where(c => c.Status == changeStatus);
        }
        changes = code is null ? changes : changes.Where(c => c.Code == code);
        changes = kind is null ? changes : changes.Where(c => c.Kind == kind);
        changes = destination is null ? changes : changes.Where(c => c.Destination == destination);
        return worker is null ? changes : changes.Where(c => c.WorkerId == worker);
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Failures(int id, HeadwaterDb db,
        CancellationToken cancellationToken)
    {
        if (await ChangesOf(id, db, cancellationToken) is not { } changes)
        {
            return RunNotFound(id);
        }
        var failures = changes.Where(c => c.Status == ChangeStatus.Failed || c.Status == ChangeStatus.Blocked);
        return Report(RunReport.Rows(db, failures), ReportFormat.Csv, $"run-{id}-failures.csv", cancellationToken);
    }

    private static Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> OutcomesCsv(int id, HeadwaterDb db,
        CancellationToken cancellationToken, string? status = null) => Outcomes(id, db, status, ReportFormat.Csv, cancellationToken);

    private static Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> OutcomesJsonLines(int id, HeadwaterDb db,
        CancellationToken cancellationToken, string? status = null) =>
        Outcomes(id, db, status, ReportFormat.JsonLines, cancellationToken);

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Outcomes(int id, HeadwaterDb db,
        string? status, ReportFormat format, CancellationToken cancellationToken)
    {
        ChangeStatus? only = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ChangeStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"'{status}' is not an outcome; use one of {string.Join(", ", Enum.GetNames<ChangeStatus>())}."],
                });
            }
            only = parsed;
        }
        if (await ChangesOf(id, db, cancellationToken) is not { } changes)
        {
            return RunNotFound(id);
        }
        changes = only is { } wanted ? changes.Where(c => c.Status == wanted) : changes;
        return Report(RunReport.Rows(db, changes), format, $"run-{id}-outcomes.{RunReport.Extension(format)}", cancellationToken);
    }

    /// <summary>The changes of every destination's part of the run, with <paramref name="db"/> scoped to its integration;
    /// null when there is no such run.</summary>
    internal static async Task<IQueryable<ChangeRecord>?> ChangesOf(int id, HeadwaterDb db, CancellationToken cancellationToken)
    {
        var run = await db.IntegrationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return null;
        }
        db.IntegrationId = run.IntegrationId;
        var parts = db.SyncRuns.Where(r => r.IntegrationRunId == id).Select(r => r.Id);
        return db.Changes.Where(c => parts.Contains(c.RunId));
    }

    /// <summary>Written as the rows are read, straight to the response: the headers go first, so a failure midway
    /// cuts the response short rather than turning it into a problem.</summary>
    internal static PushStreamHttpResult Report(IAsyncEnumerable<RunReportRow> rows, ReportFormat format, string file,
        CancellationToken cancellationToken) => TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, leaveOpen: true);
            await RunReport.WriteAsync(writer, format, rows, cancellationToken);
        }, RunReport.ContentType(format), file);

    private static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> Approve(int id, HeadwaterDb db, IntegrationScheduler scheduler,
        CancellationToken cancellationToken)
    {
        var run = await db.IntegrationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return RunNotFound(id);
        }
        if (await Unapprovable(db, run, cancellationToken) is { } refusal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: refusal.Title, detail: refusal.Detail);
        }
        return Accepted(await scheduler.RunAsync(db, run.IntegrationId, RunTrigger.Approval, cancellationToken, approves: id));
    }

    /// <summary>Why the run cannot be approved (not stopped by a safety limit, or superseded); null when it can.</summary>
    internal static async Task<(string Title, string Detail)?> Unapprovable(HeadwaterDb db, IntegrationRun run, CancellationToken cancellationToken)
    {
        if (run.Status != SyncRunStatus.Blocked)
        {
            return ("Nothing to approve", $"Run {run.Id} is {run.Status}; only a run a safety limit stopped can be approved.");
        }
        var later = await db.IntegrationRuns.AnyAsync(r => r.IntegrationId == run.IntegrationId && r.Id > run.Id
            && r.Trigger != RunTrigger.Worker && r.Status != SyncRunStatus.Failed, cancellationToken);
        return later
            ? ("Superseded", $"A later run of the integration has started since run {run.Id}; approve that run's plan if it is stopped too.")
            : null;
    }

    internal static Accepted<RunAccepted> Accepted(IntegrationRun run) =>
        TypedResults.Accepted($"/api/runs/{run.Id}", new RunAccepted(run.Id, $"/api/runs/{run.Id}"));

    private static ProblemHttpResult RunNotFound(int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such run", detail: $"There is no run {id}.");

    /// <summary>How often "sync now" is allowed: the integration's <c>syncNowLimit</c>.</summary>
    internal static TimeSpan Limit(IntegrationRecord record)
    {
        try
        {
            return record.ToIntegration().Schedule.SyncNowLimit;
        }
        catch (Configuration.ConfigurationException)
        {
            return Scheduling.IntegrationSchedule.Default.SyncNowLimit;
        }
    }

    internal static async Task<RunSummary> SummaryAsync(HeadwaterDb db, IntegrationRunner runner, IntegrationRun run, string integration,
        CancellationToken cancellationToken)
    {
        db.IntegrationId = run.IntegrationId;
        var parts = await db.SyncRuns.AsNoTracking().Where(r => r.IntegrationRunId == run.Id).ToListAsync(cancellationToken);
        return RunSummary.Of(run, integration, parts, runner.Progress(run.Id));
    }
}
