using System.CommandLine;
using Headwater.Configuration;
using Headwater.Integrations;
using Headwater.Syncing;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>
/// <c>headwater apply -f FILE [--dry-run]</c>: creates or updates the integrations of a file in the state database,
/// first printing what changes, value by value (a secret only as changed or kept). Every integration is checked
/// first; if any is invalid nothing is stored (exit 1). Exit 0 when applied or in step; with --dry-run nothing is
/// stored, and the exit is 7 when something would change, as for <c>headwater plan</c>.
/// </summary>
public static class ApplyCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Option<string>("--file", "-f") { Description = "The integration file.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change; change nothing." };
        var command = new Command("apply", "Create or update the integrations of a file in Headwater's database.") { file, dryRun };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (ServiceMode.Refused(context))
            {
                return ExitCodes.ServiceUnsupported;
            }
            IReadOnlyList<IntegrationSource> sources;
            try
            {
                sources = IntegrationFile.ReadModels(await File.ReadAllTextAsync(path, ct), path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                CommandFailure.Write(context, json: false, FailureCause.Configuration, $"{path} cannot be read: {e.Message}", []);
                return ExitCodes.Configuration;
            }
            catch (ConfigurationException e)
            {
                CommandFailure.Write(context, json: false, FailureCause.Configuration, $"{path} cannot be applied:", e.Problems);
                return ExitCodes.Configuration;
            }
            await using var data = await CommandData.OpenStore(context, ct);
            IReadOnlyList<PlannedIntegration> planned;
            try
            {
                planned = await StoredIntegrations.PlanAsync(data.Db, sources, context.Environment, path, ct);
            }
            catch (ConfigurationException e)
            {
                CommandFailure.Write(context, json: false, FailureCause.Configuration, $"{path} cannot be applied; nothing was changed:",
                    e.Problems);
                return ExitCodes.Configuration;
            }
            foreach (var integration in planned)
            {
                Print(context.Console, integration);
            }
            var changing = planned.Count(p => p.Change.Kind != IntegrationChangeKind.None);
            if (result.GetValue(dryRun))
            {
                context.Console.MarkupLine($"Dry run: nothing was changed in {ConsoleText.Escape(data.Describe())}.");
                return changing > 0 ? ExitCodes.Changes : ExitCodes.Ok;
            }
            if (changing > 0)
            {
                await StoredIntegrations.ApplyAsync(data.Db, planned, context.Time, ct);
            }
            context.Console.MarkupLine(changing == 0
                ? "Nothing to change."
                : $"Applied {ConsoleText.Count(changing, "integration")} to {ConsoleText.Escape(data.Describe())}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, PlannedIntegration integration)
    {
        var change = integration.Change;
        var name = ConsoleText.Escape(change.Name);
        console.MarkupLine(change.Kind switch
        {
            IntegrationChangeKind.Create => $"[green]+ create[/] {name}",
            IntegrationChangeKind.Update => $"[yellow]~ update[/] {name} (revision {Revision(integration)} → {Revision(integration) + 1})",
            _ => $"  {name}: no changes",
        });
        foreach (var attribute in change.Attributes)
        {
            console.MarkupLine($"    {ConsoleText.Escape(attribute.ToString())}");
        }
    }

    private static int Revision(PlannedIntegration integration) => integration.Record?.Revision ?? 0;
}
