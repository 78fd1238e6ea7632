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
        // On the system clock: Quartz would otherwise take the container's TimeProvider, and a test's fake clock jumped by
        // hours left its job store spinning on misfires.
        services.AddQuartz(quartz => quartz.UseTimeProvider(TimeProvider.System));
        // Stopping waits for running syncs, which stop at a safe point when the shutdown token is cancelled.
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        services.AddSingleton<IntegrationRunner>();
        services.AddSingleton<IntegrationScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<IntegrationScheduler>());
        return services;
    }
}
