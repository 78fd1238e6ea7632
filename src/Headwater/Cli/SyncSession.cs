using System.Text.Json;
using Headwater.Configuration;
using Headwater.Data;
using Headwater.Events;
using Headwater.Notifications;
using Headwater.Syncing;
using Headwater.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary><c>plan --json</c> and <c>sync --json</c> when something failed: each destination's report and every
/// failure.</summary>
public sealed record SyncReport(IReadOnlyList<PlanReport> Destinations, IReadOnlyList<FailureView> Failures);

/// <summary>How <c>headwater plan</c> and <c>headwater sync</c> were asked to show the run.</summary>
public sealed record SyncDisplay(string? Config, SyncRequest Request, bool Json = false, int Limit = 50, bool ShowSkips = false);

/// <summary>
/// The command line around <see cref="SyncEngine"/>: load the integration, run it with a progress display on a
/// terminal, then print the read, each destination's plan or outcome and every failure, and give the exit code.
/// </summary>
public static class SyncSession
{
    public static async Task<int> Run(CliContext context, SyncDisplay display, CancellationToken cancellationToken)
    {
        if (CommandIntegration.Load(context, display.Config, display.Json) is not { } integration)
        {
            return ExitCodes.Configuration;
        }
        using var telemetry = TelemetryServices.StartForCommand(context.Environment);
        await using var services = SyncServices.Build(integration, context.Time);
        return await Run(context, services, integration, display, cancellationToken);
    }

    /// <summary>Runs with services already built (the demo builds its own).</summary>
    public static async Task<int> Run(CliContext context, IServiceProvider services, Integration integration, SyncDisplay display,
        CancellationToken cancellationToken)
    {
        var result = await WithProgress(context, display, progress =>
            SyncEngine.Run(services, integration, display.Request, progress, cancellationToken));
        var notified = display.Request.Apply ? await NotifyAsync(context, services, integration, display.Request, result, cancellationToken)
            : NotifyOutcome.Nothing;
        var events = display.Request.Apply ? await DeliverEventsAsync(context, services, integration, cancellationToken) : DeliveryReport.None;
        if (display.Json)
        {
            // An array of destinations when all went well, as always; with the failures beside it when not.
            List<PlanReport> destinations = [.. result.Destinations.Select(PlanReport.Of)];
            await context.Out.WriteLineAsync(result.Failures.Count == 0
                ? JsonSerializer.Serialize(destinations, CliJson.Readable.ListPlanReport)
                : JsonSerializer.Serialize(new SyncReport(destinations, [.. result.Failures.Select(FailureView.Of)]),
                    CliJson.Readable.SyncReport));
            return ExitCode(result, display.Request.Apply);
        }
        if (result.Read is { Succeeded: true } read)
        {
            var seconds = (read.FinishedAt - read.StartedAt)?.TotalSeconds ?? 0;
            context.Console.MarkupLine($"{read.Mode} read: {ConsoleText.Count(read.Workers, "worker")} ({read.Added:N0} new, " +
                $"{read.Changed:N0} changed, {read.WithIssues:N0} with issues) in {seconds:N1} s and {ConsoleText.Count(read.UkgCalls, "UKG call")}.");
        }
        foreach (var outcome in result.Destinations)
        {
            PlanView.Write(context.Console, outcome, display.Limit, display.ShowSkips);
        }
        foreach (var failure in result.Failures.Where(f => f.Cause is not (FailureCause.DestinationRefused or FailureCause.SafetyLimit) || f.WorkerId is null
            && !result.Destinations.Any(d => d.Run.Destination == f.Destination)))
        {
            // Refused records and limits are in each destination's view; the rest (a read, a destination as a whole) are said here.
            context.Console.MarkupLine($"[red]{ConsoleText.Escape(failure.Message)}[/]");
        }
        if (events != DeliveryReport.None)
        {
            context.Console.MarkupLine($"Events: {events.Delivered:N0} delivered, {events.Waiting:N0} waiting for a retry, {events.Dead:N0} dead " +
                "(headwater events).");
        }
        foreach (var destination in events.Disabled)
        {
            context.Console.MarkupLine($"[red]{ConsoleText.Escape(destination)} answered 410 Gone: its subscription is disabled until its " +
                "events are replayed (headwater events replay).[/]");
        }
        foreach (var subject in notified.Sent)
        {
            context.Console.MarkupLine($"Emailed the technical contacts: {ConsoleText.Escape(subject)}");
        }
        if (notified.NotSent is { } notSent)
        {
            context.Console.MarkupLine($"[yellow]{ConsoleText.Escape(notSent)}[/]");
        }
        return ExitCode(result, display.Request.Apply);
    }

    /// <summary>Emails the integration's contacts as the service does after its runs, through <c>HEADWATER_SMTP_*</c>.</summary>
    private static async Task<NotifyOutcome> NotifyAsync(CliContext context, IServiceProvider services, Integration integration,
        SyncRequest request, SyncResult result, CancellationToken cancellationToken)
    {
        if (integration.Notifications.Contacts.Count == 0)
        {
            return NotifyOutcome.Nothing;
        }
        SmtpSettings? smtp;
        try
        {
            smtp = SmtpSettings.Read(context.Environment);
        }
        catch (FormatException e)
        {
            return new NotifyOutcome([], $"No email was sent: {e.Message}");
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Headwater.Notifications");
        var runs = result.Destinations.Select(d => d.Run.Id).ToList();
        var label = runs.Count == 1 ? $"run {runs[0]}" : runs.Count == 0 ? "a sync" : $"runs {string.Join(", ", runs)}";
        var whole = request.Worker is null && !request.NoRead && request.Approve is null && request.Destination is null;
        return await new IncidentNotifier(db, context.Time, smtp, logger)
            .ReviewAsync(new FinishedRun(integration.Name ?? "headwater", integration.Notifications, label, result, whole), cancellationToken);
    }

    /// <summary>Posts the events the run wrote, and waits for a retry due within seconds, before the command exits;
    /// later retries are the next sync's or the service's.</summary>
    private static async Task<DeliveryReport> DeliverEventsAsync(CliContext context, IServiceProvider services, Integration integration,
        CancellationToken cancellationToken)
    {
        SmtpSettings? smtp;
        try
        {
            smtp = SmtpSettings.Read(context.Environment);
        }
        catch (FormatException)
        {
            smtp = null; // said already by the incident emails
        }
        return await IntegrationEvents.DeliverAsync(services, integration, IntegrationEvents.Options(context.Environment), smtp,
            beforeExit: true, cancellationToken);
    }

    /// <summary>The most serious failure decides: configuration, credentials, permission, unreachable, read failed,
    /// then a safety limit, refused records, and for a plan whether it holds changes.</summary>
    public static int ExitCode(SyncResult result, bool apply)
    {
        int Of(FailureCause cause) => cause switch
        {
            FailureCause.Configuration => ExitCodes.Configuration,
            FailureCause.Credentials => ExitCodes.Unauthorized,
            FailureCause.Permission => ExitCodes.PermissionMissing,
            FailureCause.Unreachable => ExitCodes.Unreachable,
            FailureCause.SourceReadFailed => ExitCodes.ReadFailed,
            FailureCause.SafetyLimit or FailureCause.Busy => ExitCodes.Blocked,
            _ => ExitCodes.ChangesFailed,
        };
        if (result.Failures.Count > 0)
        {
            return result.Failures.Select(f => Of(f.Cause)).OrderBy(Severity).First();
        }
        return !apply && result.Destinations.Any(d => d.Run.Status == SyncRunStatus.Planned && d.Plan.HasChanges) ? ExitCodes.Changes : ExitCodes.Ok;
    }

    private static int Severity(int exit) => exit switch
    {
        ExitCodes.Blocked => 100,
        ExitCodes.ChangesFailed => 101,
        _ => exit,
    };

    private static async Task<SyncResult> WithProgress(CliContext context, SyncDisplay display, Func<IProgress<SyncProgress>?, Task<SyncResult>> run)
    {
        if (display.Json)
        {
            return await run(null);
        }
        if (!context.Console.Profile.Capabilities.Interactive)
        {
            return await run(new WaitLines(context.Console));
        }
        SyncResult result = null!;
        await context.Console.Progress().AutoClear(true).HideCompleted(true).StartAsync(async progress =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            (ProgressTask Task, string Description)? current = null;
            ProgressTask Task(string key, string description)
            {
                if (!tasks.TryGetValue(key, out var task))
                {
                    foreach (var other in tasks.Values)
                    {
                        other.StopTask();
                    }
                    tasks[key] = task = progress.AddTask(description, maxValue: 1);
                    task.IsIndeterminate = true;
                }
                current = (task, description);
                return task;
            }
            result = await run(new Progress<SyncProgress>(p =>
            {
                var name = ConsoleText.Escape(p.Destination ?? "");
                switch (p.Phase)
                {
                    case SyncPhase.Reading:
                        Task("read", "Reading UKG Pro").Description = $"Reading UKG Pro: {ConsoleText.Escape(p.Text ?? "")}";
                        break;
                    case SyncPhase.Applying when display.Request.Apply:
                        var task = Task("apply:" + name, $"Syncing {name}");
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = p.Failed == 0 ? $"Syncing {name}" : $"Syncing {name} ([red]{p.Failed} failed[/])";
                        break;
                    case SyncPhase.Waiting when current is { } now:
                        // Shown until the step's next report, which comes once the wait is over.
                        now.Task.Description = $"{now.Description} [yellow]waiting, {ConsoleText.Escape(p.Text)}[/]";
                        break;
                    default:
                        Task($"{p.Phase}:{name}", $"{p.Phase} {name}");
                        break;
                }
            }));
        });
        return result;
    }
}
