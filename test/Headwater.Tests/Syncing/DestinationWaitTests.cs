using System.Collections.Concurrent;
using Headwater.Data;
using Headwater.Simulator.Scim;
using Headwater.Syncing;
using Headwater.Tests.Support;

namespace Headwater.Tests.Syncing;

/// <summary>A destination that asks the run to wait (429 with Retry-After under the cap) is waited for, and the run
/// says so: a long pause must not look like a hang.</summary>
public sealed class DestinationWaitTests
{
    [Fact]
    public async Task A_rate_limited_sync_reports_and_logs_that_it_waits_which_host_asked_and_for_how_long()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 30,
            scimOptions: new ScimSimulatorOptions { RateLimitEvery = 10, RetryAfter = TimeSpan.FromSeconds(1) });
        var waits = new ConcurrentQueue<SyncProgress>();
        var progress = new SynchronousProgress<SyncProgress>(p =>
        {
            if (p.Phase == SyncPhase.Waiting)
            {
                waits.Enqueue(p);
            }
        });

        var run = sync.Sync(progress: progress);
        // The retries wait on the run's fake clock: move it on (ten times real time) until the run is done.
        while (await Task.WhenAny(run, Task.Delay(10)) != run)
        {
            sync.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        var outcome = await run;

        Assert.Equal(SyncRunStatus.Succeeded, outcome.Run.Status);
        Assert.Equal(outcome.Run.Creates, sync.Scim.UserCount);
        var host = sync.Scim.BaseUrl.Authority;
        Assert.NotEmpty(waits);
        var expected = (SyncHarness.Name, $"rate limited: {host} asked to wait 1 s (Retry-After)");
        Assert.All(waits, w => Assert.Equal(expected, (w.Destination, w.Text)));
        Assert.Contains(sync.Logs.Entries, e => e.Id.Id == 1009 && e.Message.Contains(host, StringComparison.Ordinal));
    }
}
