using System.Net;
using System.Net.Sockets;
using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Webhooks;
using Headwater.Core.Destinations;
using Headwater.Core.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Headwater.Connectors.Tests.Webhooks;

/// <summary>
/// The webhook delivery client on its own, and the parts of the destination conformance suite that apply to a
/// destination taking events: a receiver that cannot be reached or used is a failed result, never an exception (so
/// the outbox keeps the event and tries again), and a redirect is not followed. The suite's account parts (create,
/// update, deactivate, adoption, paging, reading back) do not apply: a webhook holds no accounts Headwater can read;
/// its idempotency is the receiver's, by webhook-id (test/Headwater.Tests/Events and Cli/KilledWebhookSyncTests).
/// </summary>
public sealed class WebhookDestinationTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static IEventReceiver Destination(Uri url)
    {
        var services = new ServiceCollection().AddWebhook("hooks", new WebhookOptions
        {
            Url = url, Secret = Secret, Events = EventTypes.All.ToHashSet(), Timeout = TimeSpan.FromSeconds(5),
        }).BuildServiceProvider();
        return (IEventReceiver)services.GetRequiredKeyedService<IDestination>("hooks");
    }

    private static OutgoingEvent Event() => new("msg_2K1x", EventTypes.Hired, """{"type":"employee.hired","timestamp":"t","data":{}}""");

    [Fact]
    public async Task A_receiver_that_cannot_be_reached_is_a_failed_attempt_not_an_exception()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var result = await Destination(new Uri($"http://127.0.0.1:{port}/hooks")).Post(Event());

        Assert.False(result.Delivered);
        Assert.Null(result.StatusCode);
        Assert.Contains("cannot reach", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_the_signature_verifies_with_the_library()
    {
        var seen = new List<(string Path, bool Verified)>();
        var (app, address) = await LoopbackPeer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            bool verified;
            try
            {
                new StandardWebhook(Secret).Verify(body, context.Request.Headers);
                verified = true;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                verified = false;
            }
            lock (seen)
            {
                seen.Add((context.Request.Path.Value!, verified));
            }
            context.Response.StatusCode = context.Request.Path == "/hooks" ? StatusCodes.Status307TemporaryRedirect : StatusCodes.Status200OK;
            context.Response.Headers.Location = "/elsewhere";
        });
        await using var _ = app;

        var result = await Destination(new Uri(address, "hooks")).Post(Event());

        Assert.Equal((false, 307), (result.Delivered, result.StatusCode));
        Assert.Contains("redirect", result.Error, StringComparison.Ordinal);
        Assert.Equal([("/hooks", true)], seen);
    }

    [Theory]
    [InlineData(429, "7", 7)]
    [InlineData(503, null, null)]
    [InlineData(410, null, null)]
    public async Task A_busy_or_gone_receiver_says_so(int status, string? retryAfter, int? seconds)
    {
        var (app, address) = await LoopbackPeer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
            return Task.CompletedTask;
        });
        await using var _ = app;

        var result = await Destination(address).Post(Event());

        Assert.False(result.Delivered);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, result.RetryAfter);
        Assert.Equal(status == 410, result.Gone);
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

        var result = await ((IDestinationCheck)Destination(new Uri(address, "hooks"))).Check();

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

        var result = await ((IDestinationCheck)Destination(new Uri($"http://127.0.0.1:{port}/hooks"))).Check();

        Assert.False(result.Passed);
        Assert.Contains("cannot reach", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Check the URL", result.Fix, StringComparison.Ordinal);
    }
}
