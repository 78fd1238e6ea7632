using System.Diagnostics;
using System.Diagnostics.Metrics;
using Headwater.Data;

namespace Headwater.Telemetry;

/// <summary>
/// The service's integration runs, on the activity source and meter <see cref="Name"/>: a span per run, parent of the
/// engine's spans (<see cref="Syncing.SyncTelemetry"/>), and a histogram of run durations. Tags carry the integration's
/// name, the run's id, trigger and status; never a person's data, nor the run's error text, which may quote some.
/// </summary>
public static class RunTelemetry
{
    public const string Name = "Headwater.Service";

    public const string RunSpan = "integration.run";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Durations = Meter.CreateHistogram("headwater.run.duration", "s",
        "Integration runs from start to finish, by integration, trigger and status",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400] });

    /// <summary>The run's span (null when no one listens), current until disposed, so the engine's spans nest in it.</summary>
    /// <param name="integration">The integration's name.</param>
    /// <param name="run">The run, started.</param>
    public static Activity? Started(string integration, IntegrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Source.StartActivity(RunSpan)?.SetTag("headwater.integration", integration).SetTag("headwater.run.id", run.Id)
            .SetTag("headwater.run.trigger", run.Trigger.ToString());
    }

    /// <summary>Tags the span with how the run ended and records its duration.</summary>
    /// <param name="span">From <see cref="Started"/>.</param>
    /// <param name="integration">The integration's name.</param>
    /// <param name="run">The run, finished.</param>
    public static void Finished(Activity? span, string integration, IntegrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        span?.SetTag("headwater.run.status", run.Status.ToString());
        if (run.Status is SyncRunStatus.Failed or SyncRunStatus.CompletedWithFailures or SyncRunStatus.Interrupted)
        {
            span?.SetStatus(ActivityStatusCode.Error, run.Cause ?? run.Status.ToString());
        }
        if (run is { StartedAt: { } started, FinishedAt: { } finished })
        {
            Durations.Record((finished - started).TotalSeconds, new("headwater.integration", integration),
                new("headwater.run.trigger", run.Trigger.ToString()), new("headwater.run.status", run.Status.ToString()));
        }
    }
}
