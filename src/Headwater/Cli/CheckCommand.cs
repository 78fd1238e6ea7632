using System.CommandLine;
using System.Text.Json;
using Headwater.Configuration;
using Headwater.Connectors.Ukg;
using Headwater.Syncing;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>
/// <c>headwater check</c>: authenticates and probes every UKG web service the sync reads, reporting each as granted,
/// missing (with where to grant it) or failing (with the likely cause). Exits 0 when all are granted, else with the
/// worst problem's code: 1 configuration, 2 credentials rejected, 3 permission missing, 4 unreachable. With
/// <c>--destination</c>, tests that destination instead (<see cref="DestinationCheckCommand"/>).
/// </summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var config = new Option<string?>("--config", "-c") { Description = "The integration file (default: HEADWATER_CONFIG, else ./headwater.yaml if there is one, else the UKG_* variables)." };
        var destination = new Option<string?>("--destination", "-d")
        {
            Description = "Test this destination instead, changing nothing in it (exit 7 when the test fails).",
        };
        var integration = new Option<string?>("--integration", "-i")
        {
            Description = "With --destination: the stored integration it belongs to (on the service at HEADWATER_URL when set).",
        };
        var command = new Command("check", "Check the UKG connection and each web-service permission the sync needs, or test one destination.")
        {
            json, config, destination, integration,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(integration) is not null && result.GetValue(destination) is null)
            {
                result.AddError("--integration names the stored integration of --destination: give both.");
            }
        });
        command.SetAction((result, cancellationToken) => result.GetValue(destination) is { } name
            ? DestinationCheckCommand.Run(context, name, result.GetValue(integration), result.GetValue(config), result.GetValue(json), cancellationToken)
            : Run(context, result.GetValue(json), cancellationToken, result.GetValue(config)));
        return command;
    }

    public static async Task<int> Run(CliContext context, bool json, CancellationToken cancellationToken, string? config = null)
    {
        if (CommandSettings.Load(context, json, config) is not { } settings)
        {
            return ExitCodes.Configuration;
        }
        await using var services = SyncServices.Build(settings, new UkgClientOptions { AttemptTimeout = TimeSpan.FromSeconds(20), MaxRetries = 2, TotalTimeout = TimeSpan.FromSeconds(60) }, context.Time);
        var results = await services.GetRequiredService<UkgCheck>().Run(cancellationToken);
        var exit = results.Any(r => r.Outcome == ProbeOutcome.Unauthorized) ? ExitCodes.Unauthorized
            : results.Any(r => r.Outcome == ProbeOutcome.Missing) ? ExitCodes.PermissionMissing
            : results.Any(r => r.Outcome == ProbeOutcome.Failing) ? ExitCodes.Unreachable
            : ExitCodes.Ok;
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(
                new CheckReport(settings.Connection.BaseUrl.ToString(), settings.Connection.UserName, settings.Note, exit == ExitCodes.Ok, [.. results]),
                CliJson.Readable.CheckReport));
            return exit;
        }
        var table = new Table().AddColumns("Web service", "Endpoint", "Result", "Detail");
        foreach (var result in results)
        {
            table.AddRow(ConsoleText.Escape(result.Service), ConsoleText.Escape(result.Endpoint), Outcome(result.Outcome), ConsoleText.Escape(result.Detail));
        }
        context.Console.MarkupLine($"UKG Pro at [bold]{ConsoleText.Escape(settings.Connection.BaseUrl.ToString())}[/] as [bold]{ConsoleText.Escape(settings.Connection.UserName)}[/]");
        context.Console.Write(table);
        context.Console.MarkupLine(exit == ExitCodes.Ok ? "[green]All web services the sync needs are granted.[/]" : "[red]The sync cannot run until the problems above are fixed.[/]");
        return exit;
    }

    private static string Outcome(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Granted => "[green]granted[/]",
        ProbeOutcome.Missing => "[red]missing[/]",
        ProbeOutcome.Unauthorized => "[red]unauthorized[/]",
        _ => "[yellow]failing[/]",
    };
}

public sealed record CheckReport(string BaseUrl, string UserName, string? Note, bool Ok, List<ProbeResult> Services);

/// <summary>Loads settings for a command, printing every problem (and the https note) to the console.</summary>
public static class CommandSettings
{
    /// <param name="context">Where the command prints.</param>
    /// <param name="json">The command prints JSON, which must be all it prints: the note is left out (check's
    /// report carries it).</param>
    /// <param name="config">--config, if given. With an integration file (given, in HEADWATER_CONFIG, or
    /// ./headwater.yaml) the UKG connection and state come from it; else from the environment.</param>
    public static Settings? Load(CliContext context, bool json = false, string? config = null)
    {
        if (config is not null || context.Environment("HEADWATER_CONFIG") is { Length: > 0 } || File.Exists(CommandIntegration.DefaultFile))
        {
            return CommandIntegration.Load(context, config, json, IntegrationSecrets.UkgAndData)?.Ukg;
        }
        try
        {
            var settings = Settings.Load(context.Environment);
            if (settings.Note is { } note && !json)
            {
                context.Console.MarkupLine($"[yellow]Note:[/] {ConsoleText.Escape(note)}");
            }
            return settings;
        }
        catch (SettingsException e)
        {
            CommandFailure.Write(context, json, FailureCause.Configuration, "Headwater is not configured to reach UKG Pro:", e.Problems);
            return null;
        }
    }
}
