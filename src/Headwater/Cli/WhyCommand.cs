using System.CommandLine;
using System.Text.Json;
using Headwater.Configuration;
using Headwater.Core.Workers;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Headwater.Cli;

public sealed record WhyReport(string WorkerId, WorkerView? Worker, IReadOnlyList<WhyDestination> Destinations);

public sealed record WhyDestination(string Destination, string Verdict, string? OutOfScope, AccountView? Account, IReadOnlyList<ChangeRecordView> Changes);

public sealed record AccountView(string Id, string Ownership, bool Active, string? UserName, string? Email, string? ManagerWorkerId,
    DateTimeOffset? DeactivatedAt, DateTimeOffset UpdatedAt)
{
    public static AccountView Of(AccountRecord account) => new(account.AccountId, account.Ownership, account.Active, account.UserName,
        account.Email, account.ManagerWorkerId, account.DeactivatedAt, account.UpdatedAt);
}

/// <summary>
/// <c>headwater why WORKER</c>: why a person has, or does not have, an account in each destination: the worker as last
/// read, the account Headwater knows, whether the scope takes them, and the latest changes planned for them with the
/// values that drove each and, for a failure, the error.
/// </summary>
public static class WhyCommand
{
    public static Command Create(CliContext context)
    {
        var worker = new Argument<string>("worker") { Description = "The worker's employee ID or employee number." };
        var config = new Option<string?>("--config", "-c") { Description = "The integration file (for scope and where state is kept)." };
        var destination = new Option<string?>("--destination") { Description = "Only this destination." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("why", "Explain what Headwater did, or did not do, for one worker, and why.") { worker, config, destination, json };
        command.SetAction((r, ct) => Run(context, r.GetValue(worker)!, r.GetValue(config), r.GetValue(destination), r.GetValue(json), ct));
        return command;
    }

    public static async Task<int> Run(CliContext context, string id, string? config, string? only, bool json, CancellationToken cancellationToken)
    {
        if (await CommandData.Open(context, config, json, cancellationToken) is not { } opened)
        {
            return ExitCodes.Configuration;
        }
        await using var _ = opened;
        var report = await Explain(opened.Db, opened.Integration, id, only, cancellationToken);
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, CliJson.Readable.WhyReport));
        }
        else
        {
            Write(context.Console, report);
        }
        return report.Worker is null && report.Destinations.All(d => d.Changes.Count == 0) ? ExitCodes.NotFound : ExitCodes.Ok;
    }

    /// <summary>Everything Headwater knows about one worker, by employee ID or number (any case), per destination.</summary>
    /// <param name="db">The state (scoped to the integration).</param>
    /// <param name="integration">The integration, for its destinations and scopes; null when it cannot be loaded.</param>
    /// <param name="id">The worker's employee ID or number.</param>
    /// <param name="only">Only this destination.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    /// <param name="latest">How many of the latest changes to show per destination.</param>
    public static async Task<WhyReport> Explain(HeadwaterDb db, Integration? integration, string id, string? only,
        CancellationToken cancellationToken, int latest = 10)
    {
        var record = await db.Workers.FindByIdOrNumberAsync(id, cancellationToken);
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL upper(); no .NET culture is involved
        var workerId = record?.Id ?? id.Trim();
        // A stored worker's changes and accounts carry the ID as stored, so they are found through the indexes; for
        // anyone else (no longer read, or never), the ID is matched in any case.
        var changes = await (record is null ? db.Changes.Where(c => c.WorkerId.ToUpper() == workerId.ToUpper())
                : db.Changes.Where(c => c.WorkerId == workerId))
            .AsNoTracking().OrderByDescending(c => c.Id).Take(Math.Max(200, latest)).ToListAsync(cancellationToken);
        var accounts = await (record is null ? db.Accounts.Where(a => a.WorkerId != null && a.WorkerId.ToUpper() == workerId.ToUpper())
                : db.Accounts.Where(a => a.WorkerId == workerId))
            .AsNoTracking().ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        var runIds = changes.Select(c => c.RunId).Distinct().ToList();
        var plansOnly = (await db.SyncRuns.AsNoTracking().Where(r => runIds.Contains(r.Id) && r.Status == SyncRunStatus.Planned)
            .Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        var names = (integration?.Destinations.Select(d => d.Name) ?? []).Concat(changes.Select(c => c.Destination)).Concat(accounts.Select(a => a.Destination))
            .Distinct(StringComparer.OrdinalIgnoreCase).Where(n => only is null || string.Equals(n, only, StringComparison.OrdinalIgnoreCase)).ToList();
        var attributes = record is null ? null : StoredFields.Decode(record.Fields);
        var destinations = new List<WhyDestination>();
        foreach (var name in names)
        {
            var account = accounts.FirstOrDefault(a => string.Equals(a.Destination, name, StringComparison.OrdinalIgnoreCase));
            var outOfScope = attributes is null ? null : integration?.Destination(name)?.Scope.Excludes(attributes);
            var history = changes.Where(c => string.Equals(c.Destination, name, StringComparison.OrdinalIgnoreCase)).Take(latest)
                .Select(c => ChangeRecordView.Of(c) with { PlanOnly = plansOnly.Contains(c.RunId) }).ToList();
            destinations.Add(new WhyDestination(name, Verdict(record, account, outOfScope, history), outOfScope,
                account is null ? null : AccountView.Of(account),
                history));
        }
        return new WhyReport(workerId, record is null ? null : WorkerView.Of(record), destinations);
    }

    private static string Verdict(WorkerRecord? worker, AccountRecord? account, string? outOfScope, List<ChangeRecordView> history)
    {
        if (worker is null)
        {
            return "This worker is not among the workers read from UKG (never read, or no longer returned); nothing is done for them.";
        }
        var last = history.FirstOrDefault(c => c.Kind != "Skip") ?? history.FirstOrDefault();
        var account_ = account is null ? "No account." : $"Account {account.AccountId}, {(account.Active ? "active" : "inactive")}, {account.Ownership.ToLowerInvariant()} by Headwater.";
        if (last is { Kind: "Skip" })
        {
            return $"{account_} The latest plan (run {last.Run}) left them alone: {last.Reason}";
        }
        if (last is not null)
        {
            var outcome = last.Status switch
            {
                "Applied" => "applied",
                "Failed" => $"failed: {last.Error}",
                "Blocked" => "stopped by a safety limit, waiting for approval",
                _ => "planned, not applied",
            };
            var run = last.PlanOnly ? $"plan-only run {last.Run}" : $"run {last.Run}";
            return $"{account_} Latest: {last.Kind.ToLowerInvariant()} in {run}, {outcome}. Why: {last.Reason}";
        }
        if (outOfScope is not null)
        {
            return $"{account_} Out of scope: {outOfScope}.";
        }
        return account is null
            ? $"No account and nothing planned yet ({worker.State}). headwater plan shows what the next sync would do."
            : $"{account_} In step: no change has been needed.";
    }

    /// <summary>The drivers shown in the table; --json has them all.</summary>
    private static readonly HashSet<string> Shown = ["lifecycle.state", "lifecycle.since", "lifecycle.until", "primary.statusCode", "primary.terminationDate", "primary.leaveReason"];

    public static void Write(IAnsiConsole console, WhyReport report)
    {
        if (report.Worker is { } w)
        {
            var state = w.Fields.GetValueOrDefault("lifecycle.reason") ?? w.State;
            console.MarkupLine($"[bold]{ConsoleText.Escape(w.DisplayName)}[/] ({ConsoleText.Escape(w.Id)}, #{ConsoleText.Escape(w.EmployeeNumber)}): {ConsoleText.Escape(w.State)}. {ConsoleText.Escape(state)}");
            foreach (var issue in w.Issues)
            {
                console.MarkupLine($"  [yellow]{ConsoleText.Escape(issue.Code)}[/]: {ConsoleText.Escape(issue.Message)}");
            }
        }
        else
        {
            console.MarkupLine($"[yellow]No worker '{ConsoleText.Escape(report.WorkerId)}' is stored from UKG.[/]");
        }
        if (report.Destinations.Count == 0)
        {
            console.MarkupLine("No destination has planned anything for this worker.");
        }
        foreach (var destination in report.Destinations)
        {
            ConsoleText.Heading(console, $"[bold]{ConsoleText.Escape(destination.Destination)}[/]");
            console.MarkupLine(ConsoleText.Escape(destination.Verdict));
            if (destination.Changes.Count == 0)
            {
                continue;
            }
            var table = new Table().AddColumns("Run", "Change", "Outcome", "Why", "Driven by");
            foreach (var change in destination.Changes)
            {
                var drivers = change.Drivers;
                var run = change.Run.ToString(System.Globalization.CultureInfo.InvariantCulture) + (change.PlanOnly ? " (plan only)" : "");
                table.AddRow(run, ConsoleText.Escape(change.Kind),
                    change.Status == "Failed" ? $"[red]failed: {ConsoleText.Escape(change.Error ?? "")}[/]" : ConsoleText.Escape(change.Status.ToLowerInvariant()),
                    ConsoleText.Escape(change.Reason), ConsoleText.Escape(string.Join(Environment.NewLine, drivers.Where(d => Shown.Contains(d.Key)).Select(d => $"{d.Key}={d.Value}"))));
            }
            console.Write(table);
        }
    }
}
