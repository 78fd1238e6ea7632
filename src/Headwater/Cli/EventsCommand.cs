using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Headwater.Events;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary><c>headwater events</c>: the webhook outbox, newest first, by status; <c>headwater events replay ID</c> and
/// <c>replay --dead</c> put events back in line with their webhook-id kept (docs/webhooks.md).</summary>
public static class EventsCommand
{
    private static readonly (string Name, EventStatus Status)[] Statuses =
        [("pending", EventStatus.Pending), ("delivered", EventStatus.Delivered), ("dead", EventStatus.Dead)];

    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The integration file (for where state is kept)." };
        var status = new Option<string?>("--status") { Description = "Only events in this state: pending, delivered or dead." };
        var destination = new Option<string?>("--destination") { Description = "Only events of this webhook destination." };
        var limit = new Option<int>("--limit") { Description = "How many events to show.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var list = new Command("events", "List the webhook events in the outbox, newest first: pending, delivered or dead.")
        {
            config, status, destination, limit, json,
        };
        list.SetAction((r, ct) => List(context, r.GetValue(config), r.GetValue(status), r.GetValue(destination), r.GetValue(limit),
            r.GetValue(json), ct));
        var id = new Argument<string?>("id") { Description = "The event's id (webhook-id, msg_…).", Arity = ArgumentArity.ZeroOrOne };
        var dead = new Option<bool>("--dead") { Description = "Every dead event, and every event held by a disabled subscription." };
        var replayDestination = new Option<string?>("--destination") { Description = "With --dead: only this destination's." };
        var replayConfig = new Option<string?>("--config", "-c") { Description = "The integration file (for where state is kept)." };
        var replay = new Command("replay", "Send events again, with the same webhook-id; enables a subscription disabled by a 410.")
        {
            id, dead, replayDestination, replayConfig,
        };
        replay.SetAction((r, ct) => Replay(context, r.GetValue(replayConfig), r.GetValue(id), r.GetValue(dead), r.GetValue(replayDestination), ct));
        list.Subcommands.Add(replay);
        return list;
    }

    private static async Task<int> List(CliContext context, string? config, string? status, string? destination, int limit, bool json,
        CancellationToken cancellationToken)
    {
        EventStatus? only = null;
        if (status is not null)
        {
            var match = Statuses.FirstOrDefault(s => s.Name.Equals(status.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                CommandFailure.Write(context, json, Syncing.FailureCause.Configuration,
                    $"--status {status} is not a status; give pending, delivered or dead.", []);
                return ExitCodes.Configuration;
            }
            only = match.Status;
        }
        if (await CommandData.Open(context, config, json, cancellationToken) is not { } opened)
        {
            return ExitCodes.Configuration;
        }
        await using var _ = opened;
        var events = await EventOutbox.List(opened.Db, only, destination, limit, cancellationToken);
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(events, CliJson.Readable.ListEventView));
            return ExitCodes.Ok;
        }
        foreach (var disabled in await EventOutbox.Disabled(opened.Db, cancellationToken))
        {
            context.Console.MarkupLine($"[red]{ConsoleText.Escape(disabled.Destination)} is disabled since " +
                $"{Time(disabled.DisabledAt)}: {ConsoleText.Escape(disabled.Reason)}. headwater events replay --dead " +
                $"--destination {ConsoleText.Escape(disabled.Destination)} enables it.[/]");
        }
        if (events.Count == 0)
        {
            context.Console.MarkupLine("No event in the outbox. A webhook destination's events are written by each sync after its first.");
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("Id", "Destination", "Type", "Worker", "Run", "Status", "Attempts", "Last answer");
        foreach (var e in events)
        {
            var state = e.Status switch
            {
                nameof(EventStatus.Dead) => "[red]dead[/]",
                nameof(EventStatus.Pending) => $"pending, next {Time(e.NextAttemptAt!.Value)}",
                _ => $"delivered {Time(e.DeliveredAt!.Value)}",
            };
            var answer = e.LastError ?? e.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "";
            table.AddRow(e.Id, ConsoleText.Escape(e.Destination), e.Type, ConsoleText.Escape(e.WorkerId), e.RunId.ToString(CultureInfo.InvariantCulture),
                state, e.Attempts.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(answer));
        }
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> Replay(CliContext context, string? config, string? id, bool dead, string? destination,
        CancellationToken cancellationToken)
    {
        if (id is null == !dead)
        {
            CommandFailure.Write(context, false, Syncing.FailureCause.Configuration,
                "Give either an event's id (headwater events replay msg_…) or --dead, not both or neither.", []);
            return ExitCodes.Configuration;
        }
        if (await CommandData.Open(context, config, false, cancellationToken) is not { } opened)
        {
            return ExitCodes.Configuration;
        }
        await using var _ = opened;
        var result = id is not null ? await EventOutbox.Replay(opened.Db, context.Time, id, cancellationToken)
            : await EventOutbox.ReplayDead(opened.Db, context.Time, destination, cancellationToken);
        if (result is null)
        {
            context.Console.MarkupLine($"[red]There is no event {ConsoleText.Escape(id!)}; headwater events lists them.[/]");
            return ExitCodes.NotFound;
        }
        context.Console.MarkupLine($"{ConsoleText.Count(result.Events, "event")} put back in line; the next sync or the service sends them.");
        foreach (var enabled in result.Enabled)
        {
            context.Console.MarkupLine($"{ConsoleText.Escape(enabled)} is enabled again.");
        }
        return ExitCodes.Ok;
    }

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
