using Headwater.Connectors.Destinations;

namespace Headwater.Connectors.Webhooks;

/// <summary>The labels and hints of <c>type: webhook</c>'s keys, as forms show them (docs/webhooks.md).</summary>
internal static class WebhookLabels
{
    public static IReadOnlyList<KeyLabel> All { get; } =
    [
        new("url", "Receiver URL", "Where events are posted, https:// unless plain HTTP is allowed."),
        new("allowInsecureHttp", "Allow plain HTTP", "true lets an http:// URL through, for a test receiver only."),
        new("secret", "Signing secret", "Signs every event; the receiver checks the signature with it."),
        new("previousSecret", "Previous secret", "During a rotation, events are signed with both."),
        new("events", "Events", "The event types sent, e.g. employee.hired."),
        new("timeoutSeconds", "Timeout (seconds)", "Per attempt, 1 to 300 (default 15)."),
    ];
}
