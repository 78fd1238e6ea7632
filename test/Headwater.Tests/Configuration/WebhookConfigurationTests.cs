using System.Runtime.CompilerServices;
using Headwater.Configuration;
using Headwater.Connectors.Webhooks;
using Headwater.Core.Events;

namespace Headwater.Tests.Configuration;

/// <summary>A <c>type: webhook</c> destination in the integration file: the example loads, and a wrong URL, secret or
/// event type is reported at its path without showing the secret.</summary>
public sealed class WebhookConfigurationTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["UKG_BASE_URL"] = "https://env.ultipro.com",
        ["UKG_USERNAME"] = "HEADWATER_SVC",
        ["UKG_PASSWORD"] = "S3cret-Passw0rd!",
        ["UKG_CUSTOMER_API_KEY"] = "K7QWZ",
        ["HEADWATER_DATA_DIR"] = "/tmp/headwater-config-tests",
        ["ONBOARDING_WEBHOOK_SECRET"] = Secret,
        ["NOT_A_SECRET"] = "hunter2-but-longer",
    };

    private static string? Environment(string name) => Variables.GetValueOrDefault(name);

    private static string Hook(string url = "https://hooks.example.com/in", string secret = "${ONBOARDING_WEBHOOK_SECRET}",
        string events = "[employee.hired, employee.terminated]", string extra = "") => $"""
        destinations:
          - name: onboarding
            type: webhook
            url: {url}
            secret: {secret}
            events: {events}
        {extra}
        """;

    private static IReadOnlyList<string> Problems(string yaml) =>
        Assert.Throws<ConfigurationException>(() => IntegrationFile.Parse(yaml, Environment, "test.yaml")).Problems;

    private static string ExampleFile([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "examples", "webhooks.yaml"));

    [Fact]
    public void The_webhook_example_subscribes_to_hires_and_terminations()
    {
        var integration = IntegrationFile.Load(ExampleFile(), Environment);

        var onboarding = integration.Destination("onboarding")!;
        Assert.IsType<WebhookKind>(onboarding.Kind);
        var options = (WebhookOptions)onboarding.Options;
        Assert.Equal((Secret, "https://onboarding.example.com/hooks/headwater"), (options.Secret, options.Url.AbsoluteUri));
        Assert.Subset(options.Events.ToHashSet(), new HashSet<string> { EventTypes.Hired, EventTypes.Terminated });
        Assert.Equal("workPhone", onboarding.Mapper.Mappings[^1].Target);
    }

    [Theory]
    [InlineData("http://hooks.example.com/in", "uses http://")]
    [InlineData("ftp://hooks.example.com/in", "is not an absolute http(s) URL")]
    public void A_receiver_url_must_be_https_unless_on_this_machine(string url, string problem)
    {
        Assert.Contains(problem, Assert.Single(Problems(Hook(url))), StringComparison.Ordinal);
        var loopback = IntegrationFile.Parse(Hook("http://127.0.0.1:8080/in"), Environment, "test.yaml");
        Assert.Equal("127.0.0.1", ((WebhookOptions)loopback.Destinations[0].Options).Url.Host);
    }

    [Fact]
    public void A_secret_that_is_not_a_whsec_secret_is_refused_without_showing_it()
    {
        var problem = Assert.Single(Problems(Hook(secret: "${NOT_A_SECRET}")));

        Assert.Contains("destinations[0].secret", problem, StringComparison.Ordinal);
        Assert.Contains("whsec_", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_event_type_or_none_at_all_is_reported()
    {
        Assert.Contains("'employee.fired' is not one of", Assert.Single(Problems(Hook(events: "[employee.fired]"))), StringComparison.Ordinal);
        Assert.Contains("list the event types", Assert.Single(Problems(Hook(events: "[]"))), StringComparison.Ordinal);
    }
}
