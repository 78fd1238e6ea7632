using System.Net;
using System.Net.Sockets;
using Headwater.Connectors.Tests.Destinations;
using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Webhooks;
using Headwater.Core.Destinations;
using Headwater.Core.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Headwater.Connectors.Tests.Webhooks;

/// <summary>
/// The webhook destination against the event receivers' conformance suite, and what only it does: every request is
/// signed per Standard Webhooks, which the official library verifies. The account and run suites do not apply to it
/// (<see cref="WebhookAccountConformanceTests"/>, <see cref="WebhookRunConformanceTests"/> list theirs as skipped);
/// a webhook's receiver deduplicates by webhook-id, which the outbox keeps across retries and replays
/// (test/Headwater.Tests/Events and Cli/KilledWebhookSyncTests).
/// </summary>
public sealed class WebhookConformanceTests : EventReceiverConformanceTests
{
    internal const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    protected override IEventReceiver CreateReceiver(Uri url)
    {
        var services = new ServiceCollection().AddWebhook("hooks", new WebhookOptions
        {
            Url = url, Secret = Secret, Events = EventTypes.All.ToHashSet(), Timeout = TimeSpan.FromSeconds(5),
        }).BuildServiceProvider();
        return (IEventReceiver)services.GetRequiredKeyedService<IDestination>("hooks");
    }

    protected override string IdOf(HttpRequest request) => request.Headers["webhook-id"].ToString();

    [Fact]
    public async Task Every_request_is_signed_so_that_the_Standard_Webhooks_library_verifies_it()
    {
        var verified = new List<bool>();
        var (app, address) = await LoopbackPeer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            try
            {
                new StandardWebhook(Secret).Verify(body, context.Request.Headers);
                verified.Add(true);
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                verified.Add(false);
            }
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await using var _ = app;

        var result = await CreateReceiver(address).Post(Event());

        Assert.True(result.Delivered);
        Assert.Equal([true], verified);
    }

    [Fact]
    public async Task The_check_asks_for_headers_only_and_sends_no_event()
    {
        var methods = new List<string>();
        var (app, address) = await LoopbackPeer.StartAsync(context =>
        {
            lock (methods)
            {
                methods.Add(context.Request.Method);
            }
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        });
        await using var _ = app;

        var result = await ((IDestinationCheck)CreateReceiver(new Uri(address, "hooks"))).Check();

        Assert.True(result.Passed, result.Detail);
        Assert.Contains("answered 405", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["HEAD"], methods);
    }

    [Fact]
    public async Task The_check_of_a_receiver_that_cannot_be_reached_fails_with_what_to_do()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await ((IDestinationCheck)CreateReceiver(new Uri($"http://127.0.0.1:{port}/hooks"))).Check();

        Assert.False(result.Passed);
        Assert.Contains("cannot reach", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Check the URL", result.Fix, StringComparison.Ordinal);
    }
}

/// <summary>The account suite, listed against the webhook destination as not applying.</summary>
[SuiteDoesNotApply("a webhook posts events and holds no accounts Headwater can create, update, read, find, adopt, link or " +
    "page through; its part of the conformance suite is WebhookConformanceTests (EventReceiverConformanceTests)")]
public sealed class WebhookAccountConformanceTests : DestinationConformanceTests
{
    // Never called: the suite's tests are skipped for this class before it is made.
    private static NotSupportedException NotApplying => new("The account suite does not apply to a webhook.");

    protected override ConformancePaths Paths => throw NotApplying;
    protected override bool KeepsCustomAttributes => throw NotApplying;
    protected override Task ResetDestination() => throw NotApplying;
    protected override IDestination CreateDestination() => throw NotApplying;
    protected override Task<string> SeedUnmanagedAccount(SeedAccount account) => throw NotApplying;
    protected override Task<RawAccount?> ReadRaw(string accountId, IEnumerable<string> paths) => throw NotApplying;
    protected override Task<string> EnsureGroup(string name) => throw NotApplying;
    protected override Task<bool> SetGroupMembers(string groupId, IReadOnlyCollection<string> accountIds) => throw NotApplying;
    protected override Task<IReadOnlyCollection<string>> ReadGroupMembers(string groupId) => throw NotApplying;
}

/// <summary>The run suite, listed against the webhook destination as not applying.</summary>
[SuiteDoesNotApply("a webhook is given single events as they happen, never a whole run's roster and changes; its part of " +
    "the conformance suite is WebhookConformanceTests (EventReceiverConformanceTests)")]
public sealed class WebhookRunConformanceTests : RunReceiverConformanceTests
{
    private static NotSupportedException NotApplying => new("The run suite does not apply to a webhook.");

    protected override IRunReceiver CreateReceiver() => throw NotApplying;
    protected override IRunReceiver CreateBrokenReceiver() => throw NotApplying;
    protected override Task<IReadOnlyList<ReceivedPerson>> ReadRoster() => throw NotApplying;
    protected override Task<IReadOnlyList<ReceivedChange>> ReadChanges(int runId) => throw NotApplying;
}
