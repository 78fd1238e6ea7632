using System.CommandLine;
using Headwater.Syncing;

namespace Headwater.Cli;

/// <summary>
/// <c>headwater plan</c> shows what a sync would change and changes nothing (exit 0: in step, 7: there are changes,
/// 8: a safety limit is broken); <c>headwater sync</c> applies it (exit 0: done, 8: stopped by a safety limit, 9: some
/// changes failed). Both read UKG first, incrementally when they can.
/// </summary>
public static class SyncCommands
{
    private sealed class Shared
    {
        public Option<string?> Config { get; } = new("--config", "-c") { Description = "The integration file (default: HEADWATER_CONFIG, else ./headwater.yaml)." };
        public Option<string?> Destination { get; } = new("--destination") { Description = "Only this destination (default: all)." };
        public Option<bool> NoRead { get; } = new("--no-read") { Description = "Plan from the workers stored by the last read; do not read UKG." };
        public Option<bool> FullRead { get; } = new("--full-read") { Description = "Read everything from UKG, not only what changed." };
        public Option<bool> Reconcile { get; } = new("--reconcile") { Description = "Read every account in the destination first, to match and adopt existing accounts and undo changes made there by hand." };
        public Option<bool> Json { get; } = new("--json") { Description = "Print the plan as JSON." };
        public Option<int> Limit { get; } = new("--limit") { Description = "Show at most this many changes (0: all; -1: only the counts).", DefaultValueFactory = _ => 50 };
        public Option<bool> Skips { get; } = new("--show-skips") { Description = "List the workers left alone, with the reason (plans everyone)." };
        public Option<bool> Everyone { get; } = new("--everyone")
        {
            Description = "Plan every worker, not only those changed since the last sync (the first sync of each day plans everyone).",
        };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Config, Destination, Worker, NoRead, FullRead, Reconcile, Everyone, Json, Limit, Skips })
            {
                command.Options.Add(option);
            }
        }

        public Option<string?> Worker { get; } = new("--worker") { Description = "Only this worker's changes (by worker id)." };

        public SyncDisplay Request(ParseResult result, bool apply, int? approve) => new(
            result.GetValue(Config),
            new SyncRequest(apply, approve, result.GetValue(FullRead), result.GetValue(Reconcile), result.GetValue(NoRead),
                result.GetValue(Destination), result.GetValue(Worker), result.GetValue(Everyone) || result.GetValue(Skips)),
            result.GetValue(Json), result.GetValue(Limit), result.GetValue(Skips));
    }

    public static Command Plan(CliContext context)
    {
        var shared = new Shared();
        var command = new Command("plan", "Show what a sync would change in each destination, and why. Changes nothing.");
        shared.AddTo(command);
        command.SetAction((result, ct) => SyncSession.Run(context, shared.Request(result, apply: false, approve: null), ct));
        return command;
    }

    public static Command Sync(CliContext context)
    {
        var shared = new Shared();
        var approve = new Option<int?>("--approve") { Description = "Go ahead with the plan of this run, which a safety limit stopped (see headwater runs)." };
        var command = new Command("sync", "Read UKG and bring each destination in step: create, update, deactivate, reactivate, delete.") { approve };
        shared.AddTo(command);
        command.SetAction((result, ct) => SyncSession.Run(context, shared.Request(result, apply: true, approve: result.GetValue(approve)), ct));
        return command;
    }
}
