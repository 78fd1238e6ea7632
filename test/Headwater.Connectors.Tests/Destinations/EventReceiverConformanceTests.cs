using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Headwater.Connectors.Tests.Support;
using Headwater.Core.Destinations;
using Headwater.Core.Events;
using Microsoft.AspNetCore.Http;

namespace Headwater.Connectors.Tests.Destinations;

/// <summary>
/// What every destination that takes events (<see cref="IEventReceiver"/>) must do, whatever it posts to: an event
/// taken is a success; a receiver that cannot be reached or answers an error is a failed result with a reason, never an
/// exception, so the outbox keeps the event and tries again; a busy receiver's Retry-After is passed on and a receiver
/// that is gone says so; a redirect is not followed; and posting the same event again sends it with the same id and
/// body, so the receiver can tell it already has it. A destination's test class derives from this and supplies the
/// destination for a receiver's address.
/// <para>
/// The account suite (<see cref="DestinationConformanceTests"/>) and the run suite (<see cref="RunReceiverConformanceTests"/>)
/// do not apply to these destinations: an event receiver holds no accounts Headwater can create, read, find, adopt or
/// page through, and takes single events rather than whole runs. Their classes for such a destination carry
/// <see cref="SuiteDoesNotApplyAttribute"/>, so their tests are listed as skipped with that reason.
/// </para>
/// </summary>
public abstract class EventReceiverConformanceTests
{
    /// <summary>The destination posting to <paramref name="url"/>.</summary>
    protected abstract IEventReceiver CreateReceiver(Uri url);

    /// <summary>The id the receiver sees an event by, from a request's headers.</summary>
    protected abstract string IdOf(HttpRequest request);

    protected static OutgoingEvent Event(string id = "msg_2K1x") =>
        new(id, EventTypes.Hired, """{"type":"employee.hired","timestamp":"2026-11-23T15:00:00Z","data":{"workerId":"E1"}}""");

    [ConformanceFact]
    public async Task An_event_the_receiver_takes_is_delivered_with_its_status()
    {
        var (app, address) = await LoopbackPeer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        });
        await using var _ = app;

        var result = await CreateReceiver(address).Post(Event());

        Assert.Equal((true, 202), (result.Delivered, result.StatusCode));
    }

    [ConformanceFact]
    public async Task A_receiver_that_cannot_be_reached_is_a_failed_attempt_not_an_exception()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var result = await CreateReceiver(new Uri($"http://127.0.0.1:{port}/hooks")).Post(Event());

        Assert.False(result.Delivered);
        Assert.Null(result.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [ConformanceFact]
    public async Task A_server_error_is_a_failed_attempt_with_the_status_and_a_reason()
    {
        var (app, address) = await LoopbackPeer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        await using var _ = app;

        var result = await CreateReceiver(address).Post(Event());

        Assert.Equal((false, 500, false), (result.Delivered, result.StatusCode, result.Gone));
        Assert.Contains("500", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "7", 7)]
    [InlineData(503, "2", 2)]
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

        var result = await CreateReceiver(address).Post(Event());

        Assert.False(result.Delivered);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, result.RetryAfter);
        Assert.Equal(status == 410, result.Gone);
    }

    [ConformanceFact]
    public async Task A_redirect_is_not_followed_and_is_a_failed_attempt()
    {
        var paths = new ConcurrentQueue<string>();
        var (app, address) = await LoopbackPeer.StartAsync(context =>
        {
            paths.Enqueue(context.Request.Path.Value!);
            context.Response.StatusCode = context.Request.Path == "/hooks" ? StatusCodes.Status307TemporaryRedirect : StatusCodes.Status200OK;
            context.Response.Headers.Location = "/elsewhere";
            return Task.CompletedTask;
        });
        await using var _ = app;

        var result = await CreateReceiver(new Uri(address, "hooks")).Post(Event());

        Assert.Equal((false, 307), (result.Delivered, result.StatusCode));
        Assert.Contains("redirect", result.Error, StringComparison.Ordinal);
        Assert.Equal(["/hooks"], paths);
    }

    [ConformanceFact]
    public async Task Posting_the_same_event_again_sends_the_same_id_and_body()
    {
        var seen = new ConcurrentQueue<(string Id, string Body)>();
        var (app, address) = await LoopbackPeer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            seen.Enqueue((IdOf(context.Request), await reader.ReadToEndAsync()));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await using var _ = app;
        var receiver = CreateReceiver(address);

        var first = await receiver.Post(Event("msg_again"));
        var second = await receiver.Post(Event("msg_again"));

        Assert.True(first.Delivered && second.Delivered);
        Assert.Equal(2, seen.Count);
        Assert.Single(seen.Distinct());
        Assert.Equal(("msg_again", Event().Body), seen.First());
    }
}
