using Headwater.Configuration;
using Headwater.Core.Destinations;
using Headwater.Data;
using Headwater.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Headwater.Events;

/// <summary>The outbox delivery of one integration, for whoever runs it: <c>headwater sync</c> before it exits, the
/// service's delivery worker every few seconds. A 410 emails the integration's technical contacts.</summary>
public static class IntegrationEvents
{
    /// <summary>The integration's destinations that take events, by name; empty when it has none.</summary>
    public static Dictionary<string, IEventReceiver> Receivers(IServiceProvider services, Integration integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return integration.Destinations.Select(d => services.GetRequiredKeyedService<IDestination>(d.Name)).OfType<IEventReceiver>()
            .ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>Delivers the due events (and, with <paramref name="beforeExit"/>, the retries due within a few seconds).</summary>
    public static async Task<DeliveryReport> DeliverAsync(IServiceProvider services, Integration integration, EventDeliveryOptions options,
        SmtpSettings? smtp, bool beforeExit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(integration);
        var receivers = Receivers(services, integration);
        if (receivers.Count == 0)
        {
            return DeliveryReport.None;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        await db.PrepareAsync(cancellationToken);
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Headwater.Events");
        var delivery = new EventDelivery(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), options, logger);
        async Task Gone(string destination, string reason)
        {
            var contacts = integration.Notifications.Contacts;
            if (smtp is null || contacts.Count == 0)
            {
                return;
            }
            try
            {
                await MailSender.SendAsync(smtp, [WebhookGoneEmail.Compose(integration.Name ?? "headwater", destination, reason, contacts)],
                    cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.NotNotified(logger, e, destination);
            }
        }
        return beforeExit ? await delivery.DeliverBeforeExit(receivers, Gone, cancellationToken)
            : await delivery.DeliverDue(receivers, Gone, cancellationToken);
    }

    /// <summary>The delivery options from <c>HEADWATER_EVENTS_SCHEDULE</c> (seconds, comma-separated, the first attempt's
    /// 0 included) and <c>HEADWATER_EVENTS_JITTER</c> and <c>HEADWATER_EVENTS_CONCURRENCY</c>; the defaults otherwise.</summary>
    public static EventDeliveryOptions Options(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var defaults = new EventDeliveryOptions();
        try
        {
            return defaults with
            {
                Schedule = EventDeliveryOptions.ParseSchedule(lookup("HEADWATER_EVENTS_SCHEDULE")) ?? defaults.Schedule,
                Jitter = Number(lookup("HEADWATER_EVENTS_JITTER")) ?? defaults.Jitter,
                Concurrency = (int?)Number(lookup("HEADWATER_EVENTS_CONCURRENCY")) ?? defaults.Concurrency,
            };
        }
        catch (FormatException e)
        {
            throw new ConfigurationException(
                [$"HEADWATER_EVENTS_*: {e.Message} Give the schedule as seconds separated by commas, e.g. 0,5,300."], "The environment");
        }
    }

    private static double? Number(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
