using System.Collections.Concurrent;
using Headwater.Configuration;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Notifications;
using Headwater.Connectors.Ukg;
using Headwater.Reading;
using Headwater.Syncing;
using Headwater.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Headwater.Scheduling;

/// <summary>
/// Carries out the service's runs of stored integrations, through the same engine as the CLI. Each integration's
/// services (its UKG client and destinations) are built once per revision and kept; its state is the service's
/// database, scoped to the integration. A run's progress is kept in memory while it runs, for its status.
/// </summary>
public sealed class IntegrationRunner(IServiceProvider host, IOptions<DataOptions> data, TimeProvider time, IConfiguration configuration,
    ILogger<IntegrationRunner> logger, ClusterOptions? cluster = null) : IAsyncDisposable
{
    /// <summary>How often a wait for a run another node may carry out looks at the database.</summary>
    private static readonly TimeSpan WatchEvery = TimeSpan.FromMilliseconds(250);

    private readonly SmtpSettings? _smtp = SmtpSettings.Read(configuration);

    private readonly ConcurrentDictionary<int, (int Revision, ServiceProvider Services)> _services = new();
    private readonly ConcurrentDictionary<int, SyncProgress> _progress = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _finished = new();

    /// <summary>How far a running run is; null when it is not running here.</summary>
    public SyncProgress? Progress(int runId) => _progress.GetValueOrDefault(runId);

    /// <summary>Records a run asked for; it starts when its integration's job runs it. <paramref name="node"/> is the
    /// node that queues it to run at once (a scheduled run in a cluster), so a run it leaves queued still names it.</summary>
    public async Task<IntegrationRun> QueueAsync(HeadwaterDb db, int integrationId, RunTrigger trigger, CancellationToken cancellationToken,
        string? worker = null, int? approves = null, bool fullRead = false, string? node = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = new IntegrationRun
        {
            IntegrationId = integrationId, Trigger = trigger, WorkerId = worker, ApprovesRunId = approves, FullRead = fullRead,
            Status = SyncRunStatus.Queued, QueuedAt = time.GetUtcNow(), Node = node,
        };
        db.IntegrationRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        _finished.TryAdd(run.Id, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return run;
    }

    /// <summary>Waits for a run queued here to finish, up to <paramref name="timeout"/>; false when it has not. In a
    /// cluster any node may carry it out, so the wait watches the database.</summary>
    public async Task<bool> WaitAsync(int runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cluster is not null)
        {
            return await WatchAsync(runId, timeout, cancellationToken);
        }
        if (!_finished.TryGetValue(runId, out var finished))
        {
            return false;
        }
        try
        {
            await finished.Task.WaitAsync(timeout, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<bool> WatchAsync(int runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            await using (var scope = host.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
                if (await db.IntegrationRuns.AsNoTracking().AnyAsync(r => r.Id == runId && r.FinishedAt != null, cancellationToken))
                {
                    return true;
                }
            }
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }
            await Task.Delay(WatchEvery, time, cancellationToken);
        }
    }

    /// <summary>Marks the integration's runs still running as interrupted: in a cluster, where its runs never overlap,
    /// one still running when its job starts is a dead node's; so is a scheduled run still queued, which only its
    /// job queues and runs at once.</summary>
    /// <returns>The runs marked.</returns>
    public async Task<IReadOnlyList<int>> InterruptAbandonedAsync(int integrationId, CancellationToken cancellationToken)
    {
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var abandoned = await db.IntegrationRuns.Where(r => r.IntegrationId == integrationId && (r.Status == SyncRunStatus.Running
                || (r.Status == SyncRunStatus.Queued && (r.Trigger == RunTrigger.Schedule || r.Trigger == RunTrigger.EffectiveDate))))
            .ToListAsync(cancellationToken);
        foreach (var run in abandoned)
        {
            Log.Orphaned(logger, run.Id);
            run.Status = SyncRunStatus.Interrupted;
            run.FinishedAt = time.GetUtcNow();
            run.Error = "The node running it stopped during the run; another node ran it again from where it stopped.";
        }
        await db.SaveChangesAsync(cancellationToken);
        return [.. abandoned.Select(r => r.Id)];
    }

    /// <summary>The run to carry out in place of <paramref name="runId"/>, which a dead node left interrupted: a new run
    /// asked for the same way; <paramref name="runId"/> itself when it was not interrupted.</summary>
    public async Task<int> RequeueInterruptedAsync(int runId, CancellationToken cancellationToken)
    {
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var run = await db.IntegrationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is not { Status: SyncRunStatus.Interrupted })
        {
            return runId;
        }
        var again = await QueueAsync(db, run.IntegrationId, run.Trigger, cancellationToken, run.WorkerId, run.ApprovesRunId, run.FullRead);
        return again.Id;
    }

    /// <summary>Carries out a queued run: reads UKG, plans and applies every destination, and records how it ended.
    /// Stopping (service shutdown) lets the engine finish the changes in flight; the run is then Interrupted and the
    /// next one picks up where it stopped.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="node">The cluster node carrying it out, recorded on the run; null on one node.</param>
    /// <param name="cancellationToken">Stops the run at a safe point.</param>
    public async Task ExecuteAsync(int runId, string? node, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = host.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            var run = await db.IntegrationRuns.SingleOrDefaultAsync(r => r.Id == runId, CancellationToken.None);
            if (run is not { Status: SyncRunStatus.Queued })
            {
                return;
            }
            var record = await db.Integrations.Include(i => i.Secrets).SingleAsync(i => i.Id == run.IntegrationId, CancellationToken.None);
            run.Status = SyncRunStatus.Running;
            run.StartedAt = time.GetUtcNow();
            run.Node = node;
            await db.SaveChangesAsync(CancellationToken.None);
            using var span = RunTelemetry.Started(record.Name, run);
            Log.IntegrationRunStarted(logger, record.Name, run.Id, run.Trigger);
            var result = await Run(record, run, cancellationToken);
            Finish(run, result, cancellationToken.IsCancellationRequested);
            run.FullRead = result.Read?.Mode == "Full";
            if (result.Read is { Succeeded: true } || result.Destinations.Count > 0)
            {
                record.ConnectedAt = run.FinishedAt;
            }
            await db.SaveChangesAsync(CancellationToken.None);
            RunTelemetry.Finished(span, record.Name, run);
            Log.IntegrationRunFinished(logger, record.Name, run.Id, run.Status);
            await NotifyAsync(record, run, result);
        }
        finally
        {
            _progress.TryRemove(runId, out _);
            if (_finished.TryRemove(runId, out var finished))
            {
                finished.TrySetResult();
            }
        }
    }

    /// <summary>Emails the integration's contacts about what the run shows (a disconnect was asked for: it says nothing).</summary>
    private async Task NotifyAsync(IntegrationRecord record, IntegrationRun run, SyncResult result)
    {
        if (run.Trigger == RunTrigger.Disconnect || !TryIntegration(record, out var integration))
        {
            return;
        }
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        db.IntegrationId = record.Id;
        var whole = run.Trigger is RunTrigger.Schedule or RunTrigger.EffectiveDate or RunTrigger.SyncNow;
        await new IncidentNotifier(db, time, _smtp, logger)
            .ReviewAsync(new FinishedRun(record.Name, integration.Notifications, $"run {run.Id}", result, whole), CancellationToken.None);
    }

    private static bool TryIntegration(IntegrationRecord record, out Integration integration)
    {
        try
        {
            integration = record.ToIntegration();
            return true;
        }
        catch (ConfigurationException)
        {
            integration = null!;
            return false;
        }
    }

    private async Task<SyncResult> Run(IntegrationRecord record, IntegrationRun run, CancellationToken cancellationToken)
    {
        Integration integration;
        try
        {
            integration = record.ToIntegration();
        }
        catch (ConfigurationException e)
        {
            return new SyncResult(null, [], [new SyncFailure(FailureCause.Configuration, string.Join(" ", e.Problems))]);
        }
        var services = Services(record, integration);
        var progress = new Progress<SyncProgress>(p => _progress[run.Id] = p);
        try
        {
            if (run.ApprovesRunId is { } approved)
            {
                return await Approve(services, integration, record.Id, approved, run.Id, progress, cancellationToken);
            }
            // A disconnect reads nothing: it deactivates what Headwater manages, whatever UKG says now.
            var request = run.Trigger == RunTrigger.Disconnect
                ? new SyncRequest(Apply: true, NoRead: true, Everyone: true, DeactivateAll: true, PartOf: run.Id)
                : new SyncRequest(Apply: true, FullRead: run.FullRead, Worker: run.WorkerId, PartOf: run.Id);
            return await SyncEngine.Run(services, integration, request, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new SyncResult(null, [], [new SyncFailure(FailureCause.Unreachable,
                "The service stopped during the run; the next run picks up where it stopped.")]);
        }
    }

    /// <summary>Applies, destination by destination, the plans a safety limit stopped in run <paramref name="approved"/>.</summary>
    private async Task<SyncResult> Approve(IServiceProvider services, Integration integration, int integrationId, int approved, int runId,
        IProgress<SyncProgress> progress, CancellationToken cancellationToken)
    {
        List<SyncRun> blocked;
        await using (var scope = host.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            db.IntegrationId = integrationId;
            blocked = await db.SyncRuns.AsNoTracking().Where(r => r.IntegrationRunId == approved && r.Status == SyncRunStatus.Blocked)
                .ToListAsync(cancellationToken);
        }
        var outcomes = new List<SyncOutcome>();
        var failures = new List<SyncFailure>();
        foreach (var destinationRun in blocked)
        {
            var result = await SyncEngine.Run(services, integration, new SyncRequest(Apply: true, Approve: destinationRun.Id, NoRead: true,
                Destination: destinationRun.Destination, PartOf: runId), progress, cancellationToken);
            outcomes.AddRange(result.Destinations);
            failures.AddRange(result.Failures);
        }
        return new SyncResult(null, outcomes, failures);
    }

    private void Finish(IntegrationRun run, SyncResult result, bool stopped)
    {
        run.FinishedAt = time.GetUtcNow();
        run.Done = result.Destinations.Sum(d => d.Run.Applied);
        run.Total = result.Destinations.Sum(d => d.Run.Applied + d.Run.Failed);
        run.Failed = result.Destinations.Sum(d => d.Run.Failed);
        run.Status = stopped ? SyncRunStatus.Interrupted
            : result.Succeeded ? SyncRunStatus.Succeeded
            : result.Has(FailureCause.SafetyLimit) ? SyncRunStatus.Blocked
            : result.Destinations.Any(d => d.Run.Applied > 0) || result.Failures.All(f => f.WorkerId is not null)
                ? SyncRunStatus.CompletedWithFailures
                : SyncRunStatus.Failed;
        var first = result.Failures.FirstOrDefault(f => f.Cause != FailureCause.DestinationRefused) ?? (result.Failures.Count > 0 ? result.Failures[0] : null);
        run.Cause = first?.Cause.ToString();
        run.Error = result.Failures.Count == 0 ? null
            : string.Join(Environment.NewLine, result.Failures.Take(20).Select(f => f.Destination is null ? f.Message : $"{f.Destination}: {f.Message}"))
              + (result.Failures.Count > 20 ? $"{Environment.NewLine}... and {result.Failures.Count - 20} more" : "");
    }

    /// <summary>The integration's services for its current revision, on the service's data settings and database; also
    /// what the API's checks and plan previews run on.</summary>
    internal ServiceProvider Services(IntegrationRecord record, Integration integration)
    {
        if (_services.TryGetValue(record.Id, out var cached) && cached.Revision == record.Revision)
        {
            return cached.Services;
        }
        var id = record.Id;
        var settings = integration.Ukg with { Data = data.Value };
        var services = SyncServices.Build(settings, time: time, destinations: integration.Destinations, configure: s =>
        {
            // The service's own database (and, in tests, its in-memory one), scoped to this integration.
            s.AddScoped(_ => new HostScope(host.CreateAsyncScope()));
            s.AddScoped<HeadwaterDb>(p =>
            {
                var db = p.GetRequiredService<HostScope>().Scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
                db.IntegrationId = id;
                return db;
            });
            s.AddSingleton(host.GetRequiredService<ILoggerFactory>());
            // A full read (a reconciliation) as often as the schedule says; the reads between take what changed.
            s.AddSingleton(new ReadPolicy
            {
                Options = new ReadOptions(Roles: settings.ReadRoles, Supervisors: false), FullReadEvery = integration.Schedule.FullRead,
            });
        });
        _services[record.Id] = (record.Revision, services);
        if (cached.Services is not null)
        {
            _ = cached.Services.DisposeAsync().AsTask();
        }
        return services;
    }

    /// <summary>Drops an integration's services (it was deleted).</summary>
    public async Task ForgetAsync(int integrationId)
    {
        if (_services.TryRemove(integrationId, out var cached))
        {
            await cached.Services.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, cached) in _services)
        {
            await cached.Services.DisposeAsync();
        }
        _services.Clear();
    }

    /// <summary>A scope of the service's container, disposed with the run's scope.</summary>
    private sealed class HostScope(AsyncServiceScope scope) : IAsyncDisposable
    {
        public AsyncServiceScope Scope => scope;

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
