using System.Diagnostics;
using System.Diagnostics.Metrics;
using Headwater.Data;

namespace Headwater.Syncing;

/// <summary>
/// The engine's traces and metrics: an activity per run and per phase on <see cref="SourceName"/>, and on the meter of
/// the same name the changes applied by kind and outcome. Tags carry destination names, kinds and outcomes only,
/// never a person's data.
/// </summary>
public static class SyncTelemetry
{
    public const string SourceName = "Headwater.Sync";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    private static readonly Counter<long> Changes = Meter.CreateCounter<long>("headwater.sync.changes", "{change}",
        "Changes applied to destinations, by destination, kind and outcome");

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("headwater.sync.runs", "{run}",
        "Destination runs by destination and status");

    public static void Applied(string destination, string kind, ChangeStatus outcome) => Changes.Add(1,
        new("headwater.destination", destination), new("headwater.change.kind", kind), new("headwater.change.outcome", outcome.ToString()));

    public static void Finished(SyncRun run) => Runs.Add(1, new("headwater.destination", run.Destination), new("headwater.run.status", run.Status.ToString()));
}
