using Headwater.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Headwater.Scheduling;

public static class SchedulingServices
{
    /// <summary>Quartz, the runner and the scheduler, which schedules every integration once Quartz has started. On
    /// SQLite Quartz keeps its jobs in memory: the schedule is worked out again from the database at every start. On
    /// PostgreSQL it keeps them in its clustered job store (the qrtz_* tables <c>headwater migrate</c> creates), so that
    /// several services on one database share the work.</summary>
    /// <param name="services">The service's services.</param>
    /// <param name="configuration">The service's configuration, with its <see cref="ClusterOptions.Section"/>.</param>
    /// <param name="data">Where state is kept.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The cluster settings are not valid.</exception>
    public static IServiceCollection AddIntegrationScheduling(this IServiceCollection services, IConfiguration configuration,
        DataOptions data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.PostgresConnectionString is { } postgres)
        {
            var cluster = ClusterOptions.Read(configuration);
            services.AddSingleton(cluster);
            services.AddQuartz(quartz =>
            {
                quartz.ConfigureScheduler(scheduler =>
                {
                    scheduler.InstanceName = cluster.Name;
                    scheduler.IdleWaitTime = cluster.IdleWait;
                });
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(postgres);
                    store.ConfigureStore(options => options.TablePrefix = QuartzSchema.TablePrefix);
                    store.UseClustering(clustering =>
                    {
                        clustering.CheckinInterval = cluster.CheckinInterval;
                        clustering.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
                    });
                    store.UseSystemTextJsonSerializer();
                });
            });
        }
        else
        {
            // Quartz only runs jobs the scheduler triggers, at once: it keeps no timed triggers, so it can share the
            // service's clock (the container's TimeProvider), fake in tests, with the scheduler's wake-ups.
            services.AddQuartz();
        }
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
