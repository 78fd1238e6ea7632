using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;

namespace Headwater.Connectors.Webhooks;

/// <summary>A <c>type: webhook</c> destination's own keys, as written (docs/webhooks.md); secrets as their references.</summary>
public sealed record WebhookConfig(
    string? Url,
    SecretRef? Secret = null,
    SecretRef? PreviousSecret = null,
    IReadOnlyList<string>? Events = null,
    string? AllowInsecureHttp = null,
    string? TimeoutSeconds = null) : KindConfig
{
    internal static WebhookConfig Bind(ConfigSection section, string name)
    {
        var variable = name.ToUpperInvariant().Replace('-', '_') + "_WEBHOOK_";
        return new WebhookConfig(section.Text("url"), section.Secret("secret", variable + "SECRET"),
            section.Secret("previousSecret", variable + "PREVIOUS_SECRET"), section.Texts("events"), section.Text("allowInsecureHttp"),
            section.Text("timeoutSeconds"));
    }

    public override void Write(ConfigMapBuilder map) =>
        map.Text("url", Url).Bare("allowInsecureHttp", AllowInsecureHttp).Secret("secret", Secret).Secret("previousSecret", PreviousSecret)
            .Texts("events", Events).Bare("timeoutSeconds", TimeoutSeconds);
}
