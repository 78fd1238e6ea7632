using System.Text.Json.Nodes;
using Headwater.Connectors.Webhooks;
using Headwater.Core.Events;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Events;
using Headwater.Notifications;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Notifications;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Headwater.Tests.Events;

/// <summary>
/// A webhook destination end to end: UKG changes, a sync writes the events with its records, and the outbox delivers
/// them to test/webhook-receiver, which verifies each signature with the standardwebhooks library. The receiver fails,
/// times out, rate limits and goes away as told; the delivery retries on a schedule of seconds (the fake clock moves).
/// </summary>
public sealed class WebhookSyncTests : IAsyncLifetime
{
    private static readonly EventDeliveryOptions Fast = new()
    {
        Schedule = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], Jitter = 0,
    };

    private WebhookReceiver _receiver = null!;
    private SyncHarness _sync = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        var kind = new WebhookKind();
        _sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 60, configure: d => d with
        {
            Kind = kind,
            Options = new WebhookOptions
            {
                Url = _receiver.Url, Secret = _receiver.Secret, Events = EventTypes.All.ToHashSet(), Timeout = TimeSpan.FromSeconds(2),
            },
            Mapper = Mapper.Create(kind.DefaultMapping),
            Policy = new SyncPolicy(),
        });
        var baseline = await _sync.Sync();
        Assert.Equal(Headwater.Data.SyncRunStatus.Succeeded, baseline.Run.Status);
        Assert.Empty(await Outbox()); // the first run records where everyone stands; events tell what changes after
    }

    [Fact]
    public async Task HR_changes_arrive_as_verified_events_once_each_with_the_worker_the_reason_and_the_run()
    {
        var tenant = _sync.Ukg.Tenant;
        var workers = await ActiveWorkers();
        var (leaver, mover, onLeave, reporter) = (workers[0], workers[1], workers[2], workers[3]);
        var newManager = workers.Skip(4).First(id => id != tenant.HomeRowOf(reporter)!.SupervisorId);
        tenant.Terminate(leaver, tenant.Today().AddDays(-1));
        tenant.Transfer(mover, new Transfer(LocationCode: OtherLocation(tenant, mover)));
        tenant.StartLeave(onLeave, "MED");
        tenant.ChangeManager(reporter, newManager);
        var hire = tenant.Hire(new NewHire("Ada", "Quist", HireDate: tenant.Today()));
        _sync.Clock.Advance(TimeSpan.FromHours(1));

        var run = await _sync.Sync();
        var report = await Deliver();

        var accepted = await _receiver.Accepted();
        Assert.Equal(report.Delivered, accepted.Count);
        var types = accepted.Select(a => (Type: a["type"]!.ToString(), Worker: Data(a)["workerId"]!.ToString())).ToList();
        Assert.Contains((EventTypes.Terminated, leaver), types);
        Assert.Contains((EventTypes.Transferred, mover), types);
        Assert.Contains((EventTypes.LeaveStarted, onLeave), types);
        Assert.Contains((EventTypes.ManagerChanged, reporter), types);
        Assert.Contains((EventTypes.Hired, hire.EmployeeId), types);
        Assert.All(accepted, a => Assert.Equal(run.Run.Id, Data(a)["runId"]!.GetValue<int>()));
        var hired = accepted.Single(a => a["type"]!.ToString() == EventTypes.Hired);
        Assert.Equal(("Ada", "hired"), (Data(hired)["attributes"]!["firstName"]!.ToString(), Data(hired)["reason"]!.ToString()));
        var deliveries = await _receiver.Deliveries();
        Assert.Equal(0, deliveries["rejected"]!.GetValue<int>());
        Assert.Empty(deliveries["duplicates"]!.AsArray());
        Assert.All(await Outbox(), e => Assert.Equal(EventStatus.Delivered, e.Status));
        Assert.Equal((await Outbox()).Select(e => e.EventId).Order(), accepted.Select(a => a["id"]!.ToString()).Order());
    }

    [Fact]
    public async Task Only_the_subscribed_event_types_are_written()
    {
        await _sync.Reconfigure(d => d with { Options = ((WebhookOptions)d.Options) with { Events = new HashSet<string> { EventTypes.Terminated } } });
        var tenant = _sync.Ukg.Tenant;
        var workers = await ActiveWorkers();
        var (leaver, mover) = (workers[0], workers[1]);
        tenant.Terminate(leaver, tenant.Today().AddDays(-1));
        tenant.Transfer(mover, new Transfer(LocationCode: OtherLocation(tenant, mover)));
        _sync.Clock.Advance(TimeSpan.FromHours(1));

        await _sync.Sync();

        var written = Assert.Single(await Outbox());
        Assert.Equal((EventTypes.Terminated, leaver), (written.Type, written.WorkerId));
    }

    [Fact]
    public async Task A_receiver_failing_for_a_while_gets_each_event_on_a_retry_with_the_same_id_and_in_order_per_worker()
    {
        var workers = await ActiveWorkers();
        var worker = workers[0];
        var tenant = _sync.Ukg.Tenant;
        tenant.ChangeManager(worker, workers.Skip(1).First(id => id != tenant.HomeRowOf(worker)!.SupervisorId));
        tenant.Transfer(worker, new Transfer(LocationCode: OtherLocation(tenant, worker)));
        _sync.Clock.Advance(TimeSpan.FromHours(1));
        await _sync.Sync();
        var events = await Outbox(); // the manager change, the transfer, and the update of the mapped values they change
        Assert.True(events.Count >= 2, $"{events.Count} event(s)");
        await _receiver.Faults(new { status = 503, times = 1 }, new { status = 429, retryAfter = 3, times = 1 });

        var first = await Deliver();
        _sync.Clock.Advance(TimeSpan.FromSeconds(1.5));
        var second = await Deliver();
        var early = await Deliver(); // Retry-After asked for 3 s: nothing is due yet
        _sync.Clock.Advance(TimeSpan.FromSeconds(3));
        var third = await Deliver();

        Assert.Equal((0, 1), (first.Delivered, first.Failed));
        Assert.Equal((0, 1), (second.Delivered, second.Failed));
        Assert.Equal(0, early.Delivered + early.Failed);
        Assert.Equal(events.Count, third.Delivered);
        var attempts = (await _receiver.Deliveries())["attempts"]!.AsArray()
            .Select(a => (Id: a!["id"]!.ToString(), Status: a["status"]!.GetValue<int>())).ToList();
        Assert.Equal([(events[0].EventId, 503), (events[0].EventId, 429), .. events.Select(e => (e.EventId, 200))], attempts);
    }

    [Fact]
    public async Task An_event_is_dead_after_the_last_attempt_and_a_replay_delivers_it_with_the_same_id()
    {
        await OneTermination();
        await _receiver.Faults(new { hang = true, times = 1 }, new { status = 500, times = 2 });

        await Deliver();
        for (var i = 0; i < 2; i++)
        {
            _sync.Clock.Advance(TimeSpan.FromSeconds(1.5));
            await Deliver();
        }

        var dead = Assert.Single(await Outbox());
        Assert.Equal((EventStatus.Dead, 3, 500), (dead.Status, dead.Attempts, dead.LastStatus));
        Assert.Empty(await _receiver.Accepted());
        var replayed = await _sync.Query(db => EventOutbox.ReplayDead(db, _sync.Clock, null, CancellationToken.None));
        Assert.Equal(1, replayed.Events);
        await Deliver();
        var taken = Assert.Single(await _receiver.Accepted());
        Assert.Equal(dead.EventId, taken["id"]!.ToString());
        var attempts = (await _receiver.Deliveries())["attempts"]!.AsArray();
        Assert.True(attempts[0]!["hung"]!.GetValue<bool>());
        Assert.All(attempts, a => Assert.Equal(dead.EventId, a!["id"]!.ToString()));
    }

    [Fact]
    public async Task A_410_disables_the_subscription_emails_the_contact_and_keeps_the_events_for_a_replay()
    {
        using var mail = MailDev.Connect();
        var contact = MailDev.NewAddress("webhooks");
        await OneTermination();
        await _receiver.Faults(new { status = 410 });
        var smtp = SmtpSettings.Read(name => mail.Settings().GetValueOrDefault(name))!;
        var integration = _sync.Integration with
        {
            Name = "payroll",
            Notifications = NotificationPolicy.None with { Contacts = [MailboxAddress.Parse(contact)] },
        };

        var report = await IntegrationEvents.DeliverAsync(_sync.Services, integration, Fast, smtp, beforeExit: false, CancellationToken.None);
        _sync.Clock.Advance(TimeSpan.FromMinutes(5));
        var afterwards = await Deliver();

        Assert.Equal([SyncHarness.Name], report.Disabled);
        Assert.Equal(0, afterwards.Delivered + afterwards.Failed); // nothing is posted to a disabled subscription
        var email = Assert.Single(await mail.WaitFor(contact, 1));
        Assert.Contains("410", email.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Equal(EventStatus.Pending, Assert.Single(await Outbox()).Status);
        var replayed = await _sync.Query(db => EventOutbox.ReplayDead(db, _sync.Clock, SyncHarness.Name, CancellationToken.None));
        Assert.Equal([SyncHarness.Name], replayed.Enabled);
        Assert.Equal(1, (await Deliver()).Delivered);
    }

    [Fact]
    public async Task During_a_secret_rotation_both_secrets_sign_and_a_receiver_with_either_verifies()
    {
        var newSecret = WebhookReceiver.NewSecret();
        await _sync.Reconfigure(d => d with
        {
            Options = ((WebhookOptions)d.Options) with { Secret = newSecret, PreviousSecret = _receiver.Secret },
        });
        await OneTermination();

        await Deliver(); // the receiver still has the previous secret

        Assert.Single(await _receiver.Accepted());
        Assert.Equal(0, (await _receiver.Deliveries())["rejected"]!.GetValue<int>());
    }

    private async Task OneTermination()
    {
        var tenant = _sync.Ukg.Tenant;
        tenant.Terminate((await ActiveWorkers())[0], tenant.Today().AddDays(-1));
        _sync.Clock.Advance(TimeSpan.FromHours(1));
        await _sync.Sync();
        Assert.Single(await Outbox());
    }

    private Task<DeliveryReport> Deliver() =>
        IntegrationEvents.DeliverAsync(_sync.Services, _sync.Integration, Fast, null, beforeExit: false, CancellationToken.None);

    private Task<List<EventRecord>> Outbox() => _sync.Query(db => db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private async Task<List<string>> ActiveWorkers() =>
        [.. (await _sync.Accounts()).Where(a => a.Active).Select(a => a.WorkerId!).Where(id => _sync.Ukg.Tenant.HomeRowOf(id)?.SupervisorId is not null)];

    private static string OtherLocation(Tenant tenant, string employeeId)
    {
        var here = tenant.HomeRowOf(employeeId)!.LocationCode;
        return tenant.Locations.Select(l => l.LocationCode).First(code => code != here);
    }

    private static JsonNode Data(JsonObject accepted) => accepted["body"]!["data"]!;

    public async Task DisposeAsync()
    {
        await _sync.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
