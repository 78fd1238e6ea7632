using Headwater.Configuration;
using Headwater.Connectors.Scim;
using Headwater.Core.Destinations;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>What <c>headwater plan</c> and <c>headwater sync</c> were asked to do.</summary>
public sealed record SyncRequest(
    string? Config, string? Destination, bool Apply, int? Approve = null, bool Reconcile = false, bool NoRead = false,
    bool FullRead = false, bool Json = false, int Limit = 50, bool ShowSkips = false);

/// <summary>
/// The shared body of <c>plan</c> and <c>sync</c>: load the integration, read UKG (incrementally when it can), then
/// plan (and apply) each destination in turn, printing the plan, progress and a closing summary.
/// </summary>
public static class SyncSession
{
    public static async Task<int> Run(CliContext context, SyncRequest request, CancellationToken cancellationToken)
    {
        if (CommandIntegration.Load(context, request.Config, request.Json) is not { } integration)
        {
            return ExitCodes.Configuration;
        }
        var selected = request.Destination is null ? integration.Destinations : integration.Destination(request.Destination) is { } one ? [one] : null;
        if (selected is null)
        {
            context.Console.MarkupLine($"[red]There is no destination '{Markup.Escape(request.Destination!)}'.[/] The integration has: {Markup.Escape(string.Join(", ", integration.Destinations.Select(d => d.Name)))}.");
            return ExitCodes.Configuration;
        }
        await using var services = Services.Build(integration.Ukg, time: context.Time, destinations: integration.Destinations);
        return await Run(context, services, integration, selected, request, cancellationToken);
    }

    /// <summary>Runs with services already built (the demo builds its own).</summary>
    public static async Task<int> Run(CliContext context, IServiceProvider services, Integration integration, IReadOnlyList<DestinationSettings> destinations,
        SyncRequest request, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        await db.PrepareAsync(cancellationToken);
        if (!request.NoRead && await WorkersCommand.Read(context, scope.ServiceProvider.GetRequiredService<WorkerRead>(),
            request.FullRead ? ReadMode.Full : ReadMode.Auto, !request.Json, cancellationToken) is { } failed)
        {
            return failed;
        }
        var readRunId = await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded).OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var exit = ExitCodes.Ok;
        var reports = new List<PlanReport>();
        foreach (var settings in destinations)
        {
            var destination = scope.ServiceProvider.GetRequiredKeyedService<IDestination>(settings.Name);
            var sync = new DestinationSync(db, context.Time, settings, destination, integration.Ukg.Connection.Zone);
            SyncOutcome outcome;
            try
            {
                outcome = await WithProgress(context, request, settings.Name, progress =>
                    sync.Run(new SyncOptions(request.Apply, request.Approve, request.Reconcile), readRunId, progress, cancellationToken));
            }
            catch (SyncException e)
            {
                context.Console.MarkupLine($"[red]{Markup.Escape(settings.Name)}: {Markup.Escape(e.Message)}[/]");
                exit = Math.Max(exit, ExitCodes.Blocked);
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or ScimRequestException or TimeoutException
                or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
            {
                context.Console.MarkupLine($"[red]{Markup.Escape(settings.Name)} could not be read or reached: {Markup.Escape(e.Message)}[/] " +
                    "Nothing more was changed there; the next sync picks up where this one stopped.");
                exit = Math.Max(exit, ExitCodes.Unreachable);
                continue;
            }
            var report = PlanReport.Of(outcome);
            reports.Add(report);
            if (!request.Json)
            {
                PlanView.Write(context.Console, outcome, request.Limit, request.ShowSkips);
            }
            exit = Math.Max(exit, ExitCode(outcome, request.Apply));
        }
        if (request.Json)
        {
            await context.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(reports, CliJson.Default.ListPlanReport));
        }
        return exit;
    }

    private static int ExitCode(SyncOutcome outcome, bool apply) => outcome.Run.Status switch
    {
        SyncRunStatus.Blocked => ExitCodes.Blocked,
        SyncRunStatus.CompletedWithFailures => ExitCodes.ChangesFailed,
        SyncRunStatus.Planned when !apply && outcome.Plan.HasChanges => ExitCodes.Changes,
        _ => ExitCodes.Ok,
    };

    private static async Task<SyncOutcome> WithProgress(CliContext context, SyncRequest request, string name, Func<IProgress<SyncProgress>?, Task<SyncOutcome>> run)
    {
        if (!request.Apply || request.Json || !context.Console.Profile.Capabilities.Interactive)
        {
            return await run(null);
        }
        SyncOutcome outcome = null!;
        await context.Console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask($"Syncing {Markup.Escape(name)}", maxValue: 1);
            outcome = await run(new Progress<SyncProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
                task.Description = p.Failed == 0 ? $"Syncing {Markup.Escape(name)}" : $"Syncing {Markup.Escape(name)} ([red]{p.Failed} failed[/])";
            }));
        });
        return outcome;
    }
}
