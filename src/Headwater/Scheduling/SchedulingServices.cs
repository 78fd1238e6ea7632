using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Headwater.Scheduling;

public static class SchedulingServices
{
    /// <summary>Quartz (in memory: the schedule is worked out again from the database at every start), the runner and
    /// the scheduler, which schedules every integration once Quartz has started.</summary>
    /// <param name="services">The service's services.</param>
    public static IServiceCollection AddIntegrationScheduling(this IServiceCollection services)
    {
        // Quartz only runs jobs the scheduler triggers, at once: it keeps no timed triggers, so it can share the
        // service's clock (the container's TimeProvider), fake in tests, with the scheduler's wake-ups.
        services.AddQuartz();
        // Stopping waits for running syncs, which stop at a safe point when the shutdown token is cancelled.
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        services.AddSingleton<IntegrationRunner>();
        services.AddSingleton<IntegrationScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<IntegrationScheduler>());
        // The webhook outbox: events its runs wrote, posted and retried in the background.
        services.AddHostedService<Events.EventDeliveryService>();
        return services;
    }
}
