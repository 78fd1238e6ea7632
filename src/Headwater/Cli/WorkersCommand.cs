using System.CommandLine;
using System.Text.Json;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>A worker as the engine sees it, for listing and --json.</summary>
public sealed record WorkerView(
    string Id, string EmployeeNumber, string DisplayName, string? Email, string State, string? ManagerId,
    DateTimeOffset ChangedAt, IReadOnlyList<string> ChangedFields, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<WorkerIssue> Issues)
{
    public static WorkerView Of(WorkerRecord record) => new(
        record.Id, record.EmployeeNumber, record.DisplayName, record.Email, record.State, record.ManagerId, record.ChangedAt,
        record.ChangedFields?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
        StoredFields.Decode(record.Fields),
        JsonSerializer.Deserialize(record.Issues, ReadingJson.Default.ListWorkerIssue) ?? []);
}

/// <summary>
/// <c>headwater workers</c>: reads UKG (incrementally when it can, in full when due or asked) and lists the workers
/// as the engine sees them; <c>headwater workers show ID</c> shows one, field by field, with its issues.
/// </summary>
public static class WorkersCommand
{
    public static Command Create(CliContext context)
    {
        var full = new Option<bool>("--full") { Description = "Read everything from UKG, not only what changed." };
        var offline = new Option<bool>("--offline") { Description = "Do not read UKG; list what was stored by the last read." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of workers." };
        var state = new Option<LifecycleState?>("--state") { Description = "Only workers in this lifecycle state." };
        var search = new Option<string?>("--search") { Description = "Only workers whose name, email, ID or number contains this." };
        var issues = new Option<bool>("--issues") { Description = "Only workers with data problems." };
        var limit = new Option<int>("--limit") { Description = "Show at most this many (0: all).", DefaultValueFactory = _ => 50 };
        var config = new Option<string?>("--config", "-c")
        {
            Description = "The integration file (default: HEADWATER_CONFIG, else ./headwater.yaml if there is one, else the UKG_* variables).",
        };
        var list = new Command("workers", "Read workers from UKG Pro and list them as the engine sees them.")
        {
            full, offline, json, state, search, issues, limit, config,
        };
        list.SetAction((r, ct) => List(context, new ListRequest(r.GetValue(full), r.GetValue(offline), r.GetValue(json), r.GetValue(state),
            r.GetValue(search), r.GetValue(issues), r.GetValue(limit), r.GetValue(config)), ct));

        var id = new Argument<string>("id") { Description = "The worker's UKG employee ID or employee number." };
        var showJson = new Option<bool>("--json") { Description = "Print the worker as JSON." };
        var show = new Command("show", "Show one worker, field by field, with the issues found in its data.") { id, showJson, config };
        show.SetAction((r, ct) => Show(context, r.GetValue(id)!, r.GetValue(showJson), ct, r.GetValue(config)));
        list.Subcommands.Add(show);
        return list;
    }

    public sealed record ListRequest(bool Full, bool Offline, bool Json, LifecycleState? State, string? Search, bool IssuesOnly, int Limit,
        string? Config = null);

    public static async Task<int> List(CliContext context, ListRequest request, CancellationToken cancellationToken)
    {
        if (CommandSettings.Load(context, request.Json, request.Config) is not { } settings)
        {
            return ExitCodes.Configuration;
        }
        await using var services = SyncServices.Build(settings, time: context.Time);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        if (!request.Offline && await Read(context, scope.ServiceProvider.GetRequiredService<WorkerRead>(), request.Full ? ReadMode.Full : ReadMode.Auto, !request.Json, cancellationToken) is { } failed)
        {
            return failed;
        }
        await db.PrepareAsync(cancellationToken);
        var query = db.Workers.AsNoTracking();
        if (request.State is { } state)
        {
            var name = state.ToString();
            query = query.Where(w => w.State == name);
        }
        if (request.IssuesOnly)
        {
            query = query.Where(w => w.IssueCount > 0);
        }
        query = query.Search(db, request.Search);
        var total = await query.CountAsync(cancellationToken);
        query = query.OrderBy(w => w.DisplayName).ThenBy(w => w.Id);
        var records = await (request.Limit > 0 ? query.Take(request.Limit) : query).ToListAsync(cancellationToken);
        if (request.Json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(records.Select(WorkerView.Of).ToList(), CliJson.Readable.ListWorkerView));
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("Employee ID", "Number", "Name", "Email", "State", "Manager", "Issues");
        foreach (var w in records)
        {
            table.AddRow(ConsoleText.Escape(w.Id), ConsoleText.Escape(w.EmployeeNumber), ConsoleText.Escape(w.DisplayName), ConsoleText.Escape(w.Email ?? "—"),
                ConsoleText.Escape(w.State), ConsoleText.Escape(w.ManagerId ?? "—"), w.IssueCount == 0 ? "" : $"[yellow]{w.IssueCount}[/]");
        }
        context.Console.Write(table);
        context.Console.MarkupLine($"{records.Count:N0} of {ConsoleText.Count(total, "worker")} shown.");
        return ExitCodes.Ok;
    }

    public static async Task<int> Show(CliContext context, string id, bool json, CancellationToken cancellationToken, string? config = null)
    {
        if (CommandSettings.Load(context, json, config) is not { } settings)
        {
            return ExitCodes.Configuration;
        }
        await using var services = SyncServices.Build(settings, time: context.Time);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        await db.PrepareAsync(cancellationToken);
        if (await db.Workers.FindByIdOrNumberAsync(id, cancellationToken) is not { } record)
        {
            context.Console.MarkupLine($"[red]No worker '{ConsoleText.Escape(id)}' has been read.[/] Run [bold]headwater workers[/] to read UKG first.");
            return ExitCodes.NotFound;
        }
        var view = WorkerView.Of(record);
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(view, CliJson.Readable.WorkerView));
            return ExitCodes.Ok;
        }
        context.Console.MarkupLine($"[bold]{ConsoleText.Escape(view.DisplayName)}[/] ({ConsoleText.Escape(view.Id)}, #{ConsoleText.Escape(view.EmployeeNumber)}): {ConsoleText.Escape(view.State)}");
        var table = new Table().AddColumns("Field", "Value");
        foreach (var (key, value) in view.Fields)
        {
            var changed = view.ChangedFields.Contains(key) ? " [yellow](changed)[/]" : "";
            table.AddRow(ConsoleText.Escape(key), ConsoleText.Escape(value ?? "—") + changed);
        }
        context.Console.Write(table);
        foreach (var issue in view.Issues)
        {
            context.Console.MarkupLine($"[yellow]{ConsoleText.Escape(issue.Code)}[/]: {ConsoleText.Escape(issue.Message)}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>Runs a read with a progress display; returns an exit code if it failed.</summary>
    internal static async Task<int?> Read(CliContext context, WorkerRead read, ReadMode mode, bool showProgress, CancellationToken cancellationToken)
    {
        try
        {
            ReadResult result = null!;
            if (showProgress)
            {
                await context.Console.Status().StartAsync("Reading UKG Pro…", async status =>
                {
                    result = await read.Run(mode, new Progress<string>(text => status.Status($"Reading UKG Pro: {text}")), cancellationToken);
                });
                var run = result.Run;
                context.Console.MarkupLine($"{run.Mode} read: {ConsoleText.Count(run.Workers, "worker")} ({run.Added:N0} new, {run.Changed:N0} changed, {run.WithIssues:N0} with issues) in {UkgCallsText(run)}.");
            }
            else
            {
                await read.Run(mode, null, cancellationToken);
            }
            return null;
        }
        catch (ReadFailedException e)
        {
            context.Console.MarkupLine($"[red]{ConsoleText.Escape(e.Message)}[/]");
            return ExitCodes.ReadFailed;
        }
    }

    private static string UkgCallsText(ReadRun run) =>
        $"{(run.FinishedAt - run.StartedAt)?.TotalSeconds ?? 0:N1} s and {ConsoleText.Count(run.UkgCalls, "UKG call")}";
}
