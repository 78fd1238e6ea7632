using Headwater.Core.Destinations;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Webhooks;

public static class WebhookServices
{
    /// <summary>
    /// Registers the webhook destination called <paramref name="name"/> as a keyed <see cref="IDestination"/>. Its
    /// HttpClient follows no redirects and has no retry handler: retries are the outbox's, on the Standard Webhooks
    /// schedule, so an attempt is one request.
    /// </summary>
    public static IServiceCollection AddWebhook(this IServiceCollection services, string name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientName = "webhook:" + name;
        services.AddHttpClient(clientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        // The machine's own clock for webhook-timestamp, whatever clock the run keeps: receivers check it against theirs.
        services.AddKeyedTransient<IDestination>(name, (provider, _) => new WebhookDestination(name, options,
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(clientName), TimeProvider.System));
        return services;
    }
}
