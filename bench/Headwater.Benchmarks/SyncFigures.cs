using System.Globalization;
using Headwater.Configuration;
using Headwater.Data;
using Headwater.Syncing;

namespace Headwater.Benchmarks;

/// <summary>
/// One applying sync through <c>SyncEngine.Run(services, integration, request, progress)</c>: its wall time; the UKG
/// read's own time (from its <see cref="ReadRun"/>); when planning and applying were first reported; the SCIM
/// requests it made by method and resource; its UKG calls.
/// </summary>
internal sealed record SyncFigures(SyncResult Result, TimeSpan Total, TimeSpan? Planning, TimeSpan? Applying,
    SortedDictionary<string, int> ScimCalls)
{
    public ReadRun Read => Result.Read ?? throw new InvalidOperationException("The sync did not read UKG.");

    public TimeSpan ReadTime => (Read.FinishedAt ?? Read.StartedAt) - Read.StartedAt;

    public int UkgCalls => Read.UkgCalls;

    public int ScimTotal => ScimCalls.Values.Sum();

    /// <summary>The one destination's outcome; a run that failed before it throws, with why.</summary>
    public SyncOutcome Outcome => Result.Destinations.SingleOrDefault()
        ?? throw new InvalidOperationException("The sync failed: " + string.Join(" ", Result.Failures.Select(f => f.Message)));

    /// <summary>"2,000 POST Users, 45 POST Groups", or "none".</summary>
    public string DescribeScimCalls() => ScimCalls.Count == 0 ? "none"
        : string.Join(", ", ScimCalls.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value:N0} {c.Key}")));

    public static async Task<SyncFigures> Measure(IServiceProvider services, Integration integration, ScimCallCounter counter)
    {
        counter.TakeCounts();
        var clock = new PhaseClock(Console.Error);
        var result = await SyncEngine.Run(services, integration, new SyncRequest(Apply: true), clock);
        var total = clock.Elapsed;
        var planning = clock.FirstReported(SyncPhase.Planning);
        return new SyncFigures(result, total, planning, clock.FirstReported(SyncPhase.Applying), counter.TakeCounts());
    }
}
