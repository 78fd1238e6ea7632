using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Events;
using Headwater.Core.Mapping;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Webhooks;

/// <summary><c>type: webhook</c>: the run's HR changes as signed events posted to a URL, at least once, in order per
/// worker (docs/webhooks.md). A receiver holds no accounts Headwater could read back, so there is nothing to match.</summary>
public sealed class WebhookKind : DestinationKind<WebhookConfig>
{
    /// <summary>Each event type by its index in <see cref="EventTypes.All"/>.</summary>
    private static readonly (string, int)[] Types = [.. EventTypes.All.Select((type, i) => (type, i))];

    public override string Type => "webhook";

    public override IReadOnlyList<string> Keys { get; } = ["url", "allowInsecureHttp", "secret", "previousSecret", "events", "timeoutSeconds"];

    public override IReadOnlyList<KeyLabel> Labels => WebhookLabels.All;

    public override IReadOnlyList<AttributeMapping> DefaultMapping => WebhookMapping.Defaults;

    public override void Register(IServiceCollection services, string name, DestinationOptions options) =>
        services.AddWebhook(name, (WebhookOptions)options);

    public override KindConfig Bind(ConfigSection section, string name) => WebhookConfig.Bind(section, name);

    protected override DestinationOptions? Validate(WebhookConfig webhook, ConfigCheck check, string name)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(check);
        var before = check.Reader.Problems.Count;
        var insecure = check.Bool("allowInsecureHttp", webhook.AllowInsecureHttp) ?? false;
        var url = Url(check, webhook.Url, insecure);
        var secret = Secret(check, "secret", webhook.Secret, required: true);
        var previous = Secret(check, "previousSecret", webhook.PreviousSecret, required: false);
        var events = check.Choices("events", webhook.Events, Types)?.Select(i => EventTypes.All[i]).ToList();
        if (webhook.Events is not { Count: > 0 })
        {
            check.Problem("events", $"list the event types to send, from: {string.Join(", ", EventTypes.All)}");
        }
        var timeout = check.Number("timeoutSeconds", webhook.TimeoutSeconds, 1, 300);
        if (check.Reader.Problems.Count > before)
        {
            return null;
        }
        return new WebhookOptions
        {
            Url = url!,
            Secret = secret!,
            PreviousSecret = previous,
            Events = events!.ToHashSet(StringComparer.Ordinal),
            AllowInsecureHttp = insecure,
            Timeout = timeout is { } t ? TimeSpan.FromSeconds(t) : WebhookOptions.DefaultTimeout,
        };
    }

    private static Uri? Url(ConfigCheck check, string? written, bool allowInsecureHttp) =>
        DestinationUrl.Read(check, written, "https://hooks.example.com/headwater", url => WebhookOptions.UrlProblem(url, allowInsecureHttp));

    private static string? Secret(ConfigCheck check, string key, SecretRef? written, bool required)
    {
        if (written is null)
        {
            if (required && !check.Reader.Reported(check.At(key)))
            {
                check.Problem(key, "give the signing secret as ${VARIABLE} holding whsec_ and base64 (docs/webhooks.md)");
            }
            return null;
        }
        var secret = check.Secret(key, written);
        if (secret is not null && WebhookOptions.SecretProblem(secret.Trim()) is { } problem)
        {
            // The secret itself is never shown, only its variable.
            check.Problem(key, $"the value of {written} {problem}");
            return null;
        }
        return secret?.Trim();
    }
}
