using Microsoft.Extensions.Logging;
using Quartz;

namespace Headwater.Scheduling;

/// <summary>
/// One node's wake-ups: a timer of the service's <see cref="TimeProvider"/> per integration, which starts its job when
/// it fires. Timers rather than Quartz triggers so that the schedule follows one clock, which tests replace with a fake
/// one; Quartz itself stays on the system clock. Nothing is persisted: the service works the schedule out again at
/// every start.
/// </summary>
internal sealed class TimerWakeUps(TimeProvider time, Func<int, Task> due, ILogger logger) : IWakeUps
{
    /// <summary>A timer's longest wait; a later run is reached by waking up and waiting again.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(20);

    private readonly Dictionary<int, ITimer> _wakeUps = [];

    public Task<bool> SetAsync(int integrationId, DateTimeOffset next, bool afterRun, CancellationToken cancellationToken)
    {
        WakeUpAt(integrationId, next);
        return Task.FromResult(true);
    }

    public Task CancelAsync(int integrationId, CancellationToken cancellationToken)
    {
        Cancel(integrationId);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_wakeUps)
        {
            foreach (var timer in _wakeUps.Values)
            {
                timer.Dispose();
            }
            _wakeUps.Clear();
        }
    }

    private void WakeUpAt(int integrationId, DateTimeOffset next)
    {
        Cancel(integrationId);
        var wait = next - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            _ = Task.Run(() => WakeUpAsync(integrationId, next));
            return;
        }
        var timer = time.CreateTimer(_ => _ = WakeUpAsync(integrationId, next), null, wait > LongestWait ? LongestWait : wait,
            Timeout.InfiniteTimeSpan);
        lock (_wakeUps)
        {
            // A reschedule at the same moment may have set one since: the later timer stands.
            _wakeUps.Remove(integrationId, out var other);
            other?.Dispose();
            _wakeUps[integrationId] = timer;
        }
    }

    private void Cancel(int integrationId)
    {
        lock (_wakeUps)
        {
            _wakeUps.Remove(integrationId, out var timer);
            timer?.Dispose();
        }
    }

    /// <summary>Starts the integration's job when its time has come; a time beyond a timer's longest wait waits again.</summary>
    private async Task WakeUpAsync(int integrationId, DateTimeOffset next)
    {
        try
        {
            if (next > time.GetUtcNow())
            {
                WakeUpAt(integrationId, next);
                return;
            }
            await due(integrationId);
        }
        catch (Exception e) when (e is SchedulerException or ObjectDisposedException or OperationCanceledException)
        {
            Log.WakeUpFailed(logger, integrationId, e);
        }
    }
}
