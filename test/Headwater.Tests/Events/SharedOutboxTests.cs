using System.Collections.Concurrent;
using Headwater.Cli;
using Headwater.Connectors.Webhooks;
using Headwater.Core.Destinations;
using Headwater.Core.Events;
using Headwater.Data;
using Headwater.Events;
using Headwater.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Tests.Events;

/// <summary>
/// Two delivery workers (as two <c>headwater serve</c> nodes would run them) on one PostgreSQL outbox, posting to a
/// receiver that holds each request a moment and notes what overlaps: every event arrives, no event is on the wire
/// twice at once, and each worker's events arrive one after another in the order they were written. A claim left by
/// a node that died holds its events (and the rest of their lines) until its lease expires, then they are delivered.
/// </summary>
public sealed class SharedOutboxTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const int Workers = 30;
    private const int EventsEach = 6;

    private static readonly EventDeliveryOptions Options = new()
    {
        Concurrency = 4, ClaimBatch = 12, ClaimLease = TimeSpan.FromMinutes(1), Jitter = 0,
    };

    private readonly StateStore _store = StateStore.Postgres();
    private readonly FakeTimeProvider _clock = TestClock.Create();
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _overlaps = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _arrivals = new(StringComparer.Ordinal);
    private WebApplication _receiver = null!;
    private IEventReceiver _destination = null!;

    public async Task InitializeAsync()
    {
        await _store.MigrateAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.Run(async context =>
        {
            var id = context.Request.Headers["webhook-id"].ToString(); // msg_W07_3: worker W07's fourth event
            var worker = id.Split('_')[1];
            if (_inFlight.AddOrUpdate(id, 1, (_, n) => n + 1) > 1)
            {
                _overlaps.Enqueue($"{id} posted twice at once");
            }
            if (_inFlight.AddOrUpdate(worker, 1, (_, n) => n + 1) > 1)
            {
                _overlaps.Enqueue($"{worker} had two events on the wire at once");
            }
            await Task.Delay(3);
            _arrivals.GetOrAdd(worker, _ => new ConcurrentQueue<int>()).Enqueue(int.Parse(id.Split('_')[2], System.Globalization.CultureInfo.InvariantCulture));
            _inFlight.AddOrUpdate(worker, 0, (_, n) => n - 1);
            _inFlight.AddOrUpdate(id, 0, (_, n) => n - 1);
            context.Response.StatusCode = 204;
        });
        await _receiver.StartAsync();
        var url = new Uri(_receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks");
        _destination = (IEventReceiver)new ServiceCollection().AddWebhook("hooks", new WebhookOptions
        {
            Url = url, Secret = Secret, Events = EventTypes.All.ToHashSet(),
        }).BuildServiceProvider().GetRequiredKeyedService<IDestination>("hooks");
        await using var data = await Open();
        var now = _clock.GetUtcNow();
        // Written line by line interleaved, as runs write them: a worker's events are spread over the outbox.
        data.Db.Events.AddRange(Enumerable.Range(0, EventsEach).SelectMany(n => Enumerable.Range(0, Workers).Select(w => new EventRecord
        {
            EventId = $"msg_W{w:D2}_{n}", Destination = "hooks", WorkerId = $"W{w:D2}", Type = EventTypes.Updated, RunId = 1,
            Body = $$$"""{"type":"employee.updated","data":{"workerId":"W{{{w:D2}}}","n":{{{n}}}}}""", CreatedAt = now, NextAttemptAt = now,
        })));
        await data.Db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Two_nodes_deliver_every_event_never_the_same_one_twice_at_once_and_each_workers_in_order()
    {
        await using var first = await Open();
        await using var second = await Open();

        var rounds = await Task.WhenAll(DeliverUntilEmpty(first.Db), DeliverUntilEmpty(second.Db));

        Assert.Empty(_overlaps);
        Assert.Equal(Workers * EventsEach, rounds.Sum());
        Assert.All(rounds, delivered => Assert.True(delivered > 0, $"one node delivered nothing: {string.Join(", ", rounds)}"));
        Assert.Equal(Workers, _arrivals.Count);
        Assert.All(_arrivals.Values, arrivals => Assert.Equal(Enumerable.Range(0, EventsEach), arrivals));
        await using var data = await Open();
        Assert.All(await data.Db.Events.AsNoTracking().ToListAsync(), e =>
            Assert.Equal((EventStatus.Delivered, 1, null), (e.Status, e.Attempts, e.ClaimedBy)));
    }

    [Fact]
    public async Task Events_claimed_by_a_node_that_died_wait_for_its_lease_then_arrive_in_order()
    {
        await using var data = await Open();
        var until = _clock.GetUtcNow() + Options.ClaimLease;
        var claimed = await data.Db.Events.Where(e => e.WorkerId == "W03" && e.EventId.EndsWith("_0"))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, "gone-node").SetProperty(e => e.ClaimedUntil, until));
        Assert.Equal(1, claimed);

        var before = await Delivery(data.Db).DeliverDue(Receivers());

        Assert.Equal((Workers - 1) * EventsEach, before.Delivered);
        Assert.False(_arrivals.ContainsKey("W03"));
        _clock.Advance(Options.ClaimLease + TimeSpan.FromSeconds(1));
        var after = await Delivery(data.Db).DeliverDue(Receivers());

        Assert.Equal(EventsEach, after.Delivered);
        Assert.Equal(Enumerable.Range(0, EventsEach), _arrivals["W03"]);
        Assert.Empty(_overlaps);
    }

    private async Task<int> DeliverUntilEmpty(HeadwaterDb db)
    {
        var delivered = 0;
        while (await db.Events.AnyAsync(e => e.Status == EventStatus.Pending))
        {
            var round = (await Delivery(db).DeliverDue(Receivers())).Delivered;
            delivered += round;
            if (round == 0)
            {
                await Task.Delay(20); // the rest is the other node's for now
            }
        }
        return delivered;
    }

    private EventDelivery Delivery(HeadwaterDb db) => new(db, _clock, Options, NullLogger.Instance);

    private Dictionary<string, IEventReceiver> Receivers() => new(StringComparer.Ordinal) { ["hooks"] = _destination };

    private Task<CommandData> Open() => CommandData.Open(_store.Options, null, prepare: true, CancellationToken.None);
}
