using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Destinations;

/// <summary>One person as a receiver holds them after a delivery, read without the receiver under test.</summary>
public sealed record ReceivedPerson(string WorkerId, bool Active, IReadOnlyDictionary<string, string?> Values, string? ManagerWorkerId);

/// <summary>One change as a receiver holds it after a delivery: whose, and what kind (create, update, ...).</summary>
public sealed record ReceivedChange(string WorkerId, string Change);

/// <summary>
/// What every destination that takes whole runs (<see cref="IRunReceiver"/>) must do, whatever it writes to: a
/// delivery puts the roster and the run's changes in place; the next delivery replaces the roster rather than adding
/// to it; a target that cannot be written is a failed result, never an exception, so the engine can mark the changes
/// failed and deliver them again; and delivering the same run again leaves the same result, not a duplicate.
/// A receiver's test class derives from this and supplies the receiver and a way to read what it delivered.
/// </summary>
public abstract class RunReceiverConformanceTests
{
    protected static readonly DateTimeOffset FirstRunAt = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    protected static readonly IReadOnlyList<string> Columns = ["firstName", "lastName", "jobTitle"];

    /// <summary>A receiver writing to a fresh, empty target.</summary>
    protected abstract IRunReceiver CreateReceiver();

    /// <summary>A receiver whose target cannot be written.</summary>
    protected abstract IRunReceiver CreateBrokenReceiver();

    /// <summary>The latest roster the receiver holds, read directly.</summary>
    protected abstract Task<IReadOnlyList<ReceivedPerson>> ReadRoster();

    /// <summary>The changes delivered for run <paramref name="runId"/>, read directly.</summary>
    protected abstract Task<IReadOnlyList<ReceivedChange>> ReadChanges(int runId);

    protected static RosterEntry Person(string workerId, string first, string last, string title, bool active = true,
        string? manager = null) =>
        new(workerId, active, new Dictionary<string, string?> { ["firstName"] = first, ["lastName"] = last, ["jobTitle"] = title },
            manager);

    protected static PlannedChange Hire(RosterEntry person) =>
        new(ChangeKind.Create, person.WorkerId, null, [.. person.Values.Select(v => new AttributeChange(v.Key, null, v.Value))], ReasonCode.Hired, "Hired",
            person.ManagerWorkerId, person.Active);

    protected static RunDelivery Run(int runId, DateTimeOffset at, IReadOnlyList<RosterEntry> roster,
        IReadOnlyList<PlannedChange> changes) =>
        new("people", runId, at, Columns, roster, changes);

    /// <summary>Two people hired in run 1: Ada, and Grace who reports to her.</summary>
    protected static RunDelivery FirstRun()
    {
        RosterEntry[] roster = [Person("E1", "Ada", "Lovelace", "Analyst"), Person("E2", "Grace", "Hopper", "Engineer", manager: "E1")];
        return Run(1, FirstRunAt, roster, [.. roster.Select(Hire)]);
    }

    protected static async Task<DeliveryResult> Delivered(IRunReceiver receiver, RunDelivery run)
    {
        var result = await receiver.Receive(run);
        Assert.True(result.Succeeded, $"Run {run.RunId} was not delivered: {result.Error}");
        return result;
    }

    [ConformanceFact]
    public async Task A_delivery_writes_the_whole_roster_and_the_runs_changes()
    {
        var receiver = CreateReceiver();

        var result = await Delivered(receiver, FirstRun());

        Assert.False(string.IsNullOrEmpty(result.Location));
        var roster = await ReadRoster();
        Assert.Equal(["E1", "E2"], roster.Select(p => p.WorkerId));
        Assert.All(roster, p => Assert.True(p.Active));
        Assert.Equal("Hopper", roster[1].Values["lastName"]);
        Assert.Equal("E1", roster[1].ManagerWorkerId);
        Assert.Equal([new ReceivedChange("E1", "create"), new ReceivedChange("E2", "create")], await ReadChanges(1));
    }

    [ConformanceFact]
    public async Task A_second_delivery_replaces_the_roster_and_holds_only_its_own_changes()
    {
        var receiver = CreateReceiver();
        await Delivered(receiver, FirstRun());
        RosterEntry[] after =
        [
            Person("E1", "Ada", "Lovelace", "Lead Analyst"),
            Person("E2", "Grace", "Hopper", "Engineer", active: false, manager: "E1"),
        ];
        PlannedChange[] changes =
        [
            new(ChangeKind.Update, "E1", "E1", [new AttributeChange("jobTitle", "Analyst", "Lead Analyst")], ReasonCode.Changed, "Changed in UKG: jobTitle."),
            new(ChangeKind.Deactivate, "E2", "E2", [], ReasonCode.Terminated, "Terminated", Active: false),
        ];

        await Delivered(receiver, Run(2, FirstRunAt.AddHours(1), after, changes));

        var roster = await ReadRoster();
        Assert.Equal(["E1", "E2"], roster.Select(p => p.WorkerId));
        Assert.Equal("Lead Analyst", roster[0].Values["jobTitle"]);
        Assert.False(roster[1].Active);
        Assert.Equal([new ReceivedChange("E1", "update"), new ReceivedChange("E2", "deactivate")], await ReadChanges(2));
    }

    [ConformanceFact]
    public async Task A_target_that_cannot_be_written_is_a_failed_result_with_a_reason_not_an_exception()
    {
        var receiver = CreateBrokenReceiver();

        var result = await receiver.Receive(FirstRun());

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Null(result.Location);
    }

    [ConformanceFact]
    public async Task Delivering_the_same_run_again_leaves_the_same_roster_and_changes_not_duplicates()
    {
        var receiver = CreateReceiver();
        var run = FirstRun();
        var first = await Delivered(receiver, run);
        var roster = await ReadRoster();
        var changes = await ReadChanges(1);

        var again = await Delivered(receiver, run);

        Assert.Equal(first.Location, again.Location);
        Assert.Equal(roster.Select(p => (p.WorkerId, p.Active, p.ManagerWorkerId)),
            (await ReadRoster()).Select(p => (p.WorkerId, p.Active, p.ManagerWorkerId)));
        Assert.Equal(changes, await ReadChanges(1));
    }
}
