using Headwater.Configuration;
using Headwater.Core.Destinations;
using Headwater.Data;
using Headwater.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Headwater.Syncing;

/// <summary>
/// The one way a sync runs, whoever starts it (the CLI, the demo, a schedule, the API): read UKG (incrementally when
/// it can), then plan, and when asked apply, each destination in turn. Expected failures (credentials, permissions,
/// unreachable hosts, a failed read, refused records, safety limits) come back in the <see cref="SyncResult"/>, never
/// as exceptions. A read that fails stops the run before any destination is touched.
/// </summary>
public static class SyncEngine
{
    /// <summary>Runs with services built for the integration and disposed after.</summary>
    public static async Task<SyncResult> Run(Integration integration, SyncRequest request, IProgress<SyncProgress>? progress = null,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        await using var services = SyncServices.Build(integration, time);
        return await Run(services, integration, request, progress, cancellationToken);
    }

    /// <summary>Runs with services built by the caller (<see cref="SyncServices.Build(Integration, TimeProvider?, Connectors.Ukg.UkgClientOptions?)"/>).</summary>
    public static async Task<SyncResult> Run(IServiceProvider services, Integration integration, SyncRequest request,
        IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(request);
        var selected = request.Destination is null ? integration.Destinations
            : integration.Destination(request.Destination) is { } one ? [one] : null;
        if (selected is null)
        {
            return Failed(null, new SyncFailure(FailureCause.Configuration, $"There is no destination '{request.Destination}'. " +
                $"The integration has: {string.Join(", ", integration.Destinations.Select(d => d.Name))}."));
        }
        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Headwater.Sync") ?? NullLogger.Instance;
        using var activity = SyncTelemetry.Source.StartActivity("sync");
        activity?.SetTag("headwater.apply", request.Apply);
        Log.RunStarted(logger, selected.Count, request.Apply, request.Worker);
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        await db.PrepareAsync(cancellationToken);
        ReadRun? read = null;
        if (!request.NoRead)
        {
            using var reading = SyncTelemetry.Source.StartActivity("read");
            try
            {
                var sink = progress is null ? null : new Progress<string>(text => progress.Report(new SyncProgress(SyncPhase.Reading, Text: text)));
                read = (await scope.ServiceProvider.GetRequiredService<WorkerRead>()
                    .Run(request.FullRead ? ReadMode.Full : ReadMode.Auto, sink, cancellationToken)).Run;
                reading?.SetTag("headwater.read.mode", read.Mode).SetTag("headwater.read.workers", read.Workers)
                    .SetTag("headwater.read.ukg_calls", read.UkgCalls);
                Log.ReadFinished(logger, read.Mode, read.Workers, read.UkgCalls);
            }
            catch (ReadFailedException e)
            {
                reading?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Failure.ToString());
                Log.ReadFailed(logger, Cause(e.Failure));
                return Failed(e.Run, new SyncFailure(Cause(e.Failure), e.Message));
            }
        }
        var readRunId = await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded).OrderByDescending(r => r.Id)
            .Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var outcomes = new List<SyncOutcome>();
        var failures = new List<SyncFailure>();
        var signals = scope.ServiceProvider.GetService<DestinationSignals>();
        foreach (var settings in selected)
        {
            if (signals is not null)
            {
                signals.Waiting = wait =>
                {
                    Log.Waiting(logger, settings.Name, wait.Host, wait.Duration.TotalSeconds);
                    progress?.Report(new SyncProgress(SyncPhase.Waiting, settings.Name, Text: wait.Message));
                };
            }
            var destination = scope.ServiceProvider.GetRequiredKeyedService<IDestination>(settings.Name);
            var sync = new DestinationSync(db, time, settings, destination, integration.Ukg.Connection.Zone, logger);
            using var destinationActivity = SyncTelemetry.Source.StartActivity("destination");
            destinationActivity?.SetTag("headwater.destination", settings.Name);
            try
            {
                var outcome = await sync.Run(request, readRunId, progress, cancellationToken);
                outcomes.Add(outcome);
                failures.AddRange(outcome.Failures());
            }
            catch (SyncException e)
            {
                Log.DestinationFailed(logger, settings.Name, e.Cause);
                failures.Add(new SyncFailure(e.Cause, e.Message, settings.Name));
            }
            catch (DestinationException e)
            {
                Log.DestinationFailed(logger, settings.Name, Cause(e.Failure));
                destinationActivity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Failure.ToString());
                failures.Add(new SyncFailure(Cause(e.Failure), $"{settings.Name} could not be read or reached: {e.Message} " +
                    "Nothing more was changed there; the next sync picks up where this one stopped.", settings.Name));
            }
        }
        return new SyncResult(read, outcomes, failures);
    }

    private static SyncResult Failed(ReadRun? read, SyncFailure failure) => new(read, [], [failure]);

    private static FailureCause Cause(ReadFailure failure) => failure switch
    {
        ReadFailure.Credentials => FailureCause.Credentials,
        ReadFailure.Permission => FailureCause.Permission,
        ReadFailure.Unreachable => FailureCause.Unreachable,
        _ => FailureCause.SourceReadFailed,
    };

    private static FailureCause Cause(DestinationFailure failure) => failure switch
    {
        DestinationFailure.Credentials => FailureCause.Credentials,
        DestinationFailure.Permission => FailureCause.Permission,
        DestinationFailure.Unreachable => FailureCause.Unreachable,
        _ => FailureCause.DestinationRefused,
    };
}
