using System.CommandLine;
using System.Text.RegularExpressions;
using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Integrations;
using Headwater.Syncing;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>
/// <c>headwater apply -f FILE [--dry-run]</c>: creates or updates the integrations of a file in the state database, or
/// in the service at HEADWATER_URL when it is set, first printing what changes, value by value (a secret only as
/// changed or kept). Every integration is checked first; if any is invalid nothing is stored (exit 1). Exit 0 when
/// applied or in step; with --dry-run nothing is stored, and the exit is 7 when something would change, as for <c>headwater plan</c>.
/// </summary>
public static partial class ApplyCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Option<string>("--file", "-f") { Description = "The integration file.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change; change nothing." };
        var command = new Command("apply",
            "Create or update the integrations of a file in Headwater's database (or service: HEADWATER_URL).") { file, dryRun };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (await ReadAsync(context, path, ct) is not { } sources)
            {
                return ExitCodes.Configuration;
            }
            using var service = ServiceClient.FromEnvironment(context);
            return service is null
                ? await ApplyLocalAsync(context, path, sources, result.GetValue(dryRun), ct)
                : await ApplyToServiceAsync(context, service, path, sources, result.GetValue(dryRun), ct);
        });
        return command;
    }

    private static async Task<IReadOnlyList<IntegrationSource>?> ReadAsync(CliContext context, string path,
        CancellationToken cancellationToken)
    {
        try
        {
            return IntegrationFile.ReadModels(await File.ReadAllTextAsync(path, cancellationToken), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CommandFailure.Write(context, json: false, FailureCause.Configuration, $"{path} cannot be read: {e.Message}", []);
        }
        catch (ConfigurationException e)
        {
            CommandFailure.Write(context, json: false, FailureCause.Configuration, $"{path} cannot be applied:", e.Problems);
        }
        return null;
    }

    private static async Task<int> ApplyLocalAsync(CliContext context, string path, IReadOnlyList<IntegrationSource> sources, bool dryRun,
        CancellationToken cancellationToken)
    {
        await using var data = await CommandData.OpenStore(context, cancellationToken);
        IReadOnlyList<PlannedIntegration> planned;
        try
        {
            planned = await StoredIntegrations.PlanAsync(data.Db, sources, context.Environment, path, cancellationToken);
        }
        catch (ConfigurationException e)
        {
            return Invalid(context, path, e.Problems);
        }
        var shown = planned.Select(p => new Shown(p.Change.Name, p.Change.Kind, p.Record?.Revision ?? 0,
            [.. p.Change.Attributes.Select(a => a.ToString())])).ToList();
        return await FinishAsync(context, shown, dryRun, data.Describe(),
            () => StoredIntegrations.ApplyAsync(data.Db, planned, context.Time, cancellationToken));
    }

    /// <summary>As <see cref="ApplyLocalAsync"/>, through the service's API: each integration is sent as a dry run first
    /// (so nothing is stored when any is invalid), with the values of the variables it references that are set here;
    /// one left unset keeps the service's stored value.</summary>
    private static async Task<int> ApplyToServiceAsync(CliContext context, ServiceClient service, string path,
        IReadOnlyList<IntegrationSource> sources, bool dryRun, CancellationToken cancellationToken)
    {
        var revisions = (await service.ListAsync(cancellationToken)).ToDictionary(i => i.Name, i => i.Revision, StringComparer.Ordinal);
        var problems = new List<string>();
        var planned = new List<(IntegrationConfig Config, Dictionary<string, string> Values, Shown Shown)>();
        foreach (var source in sources)
        {
            if (source.Config.Name is null)
            {
                problems.Add(At(source, "name", "required: an integration is stored by its name"));
                continue;
            }
            var values = StoredIntegrations.Variables(source.Config)
                .Select(v => KeyValuePair.Create(v, StoredIntegrations.EnvironmentValue(context.Environment, v)))
                .Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
            try
            {
                var change = await service.PutAsync(source.Config, values, dryRun: true, cancellationToken);
                var kind = Enum.Parse<IntegrationChangeKind>(change.Kind);
                var revision = revisions.GetValueOrDefault(change.Name);
                planned.Add((source.Config, values, new Shown(change.Name, kind, revision, change.Changes)));
            }
            catch (ServiceException e) when (e.Exit == ExitCodes.Configuration)
            {
                problems.AddRange(e.Problems.Count == 0 ? [e.Message] : e.Problems.Select(p => At(source, p)));
            }
        }
        if (problems.Count > 0)
        {
            return Invalid(context, path, problems);
        }
        return await FinishAsync(context, [.. planned.Select(p => p.Shown)], dryRun, $"the service at {service.Url}", async () =>
        {
            foreach (var (config, values, _) in planned.Where(p => p.Shown.Kind != IntegrationChangeKind.None))
            {
                await service.PutAsync(config, values, dryRun: false, cancellationToken);
            }
        });
    }

    /// <summary>A problem the service reported by path, named as a local apply names it: by the path in the file and its line
    /// there (the service counts lines of the JSON it was sent).</summary>
    private static string At(IntegrationSource source, string problem)
    {
        var parts = problem.Split(": ", 2);
        return parts.Length == 2 ? At(source, LineSuffix().Replace(parts[0], ""), parts[1]) : At(source, "", problem);
    }

    private static string At(IntegrationSource source, string path, string message)
    {
        var full = source.Path.Length == 0 ? path : path.Length == 0 ? source.Path : $"{source.Path}.{path}";
        return source.Lines.TryGetValue(path, out var line) || source.Lines.TryGetValue("", out line)
            ? $"{full} (line {line}): {message}"
            : $"{full}: {message}";
    }

    [GeneratedRegex(@" \(line \d+\)$")]
    private static partial Regex LineSuffix();

    private static int Invalid(CliContext context, string path, IReadOnlyList<string> problems)
    {
        CommandFailure.Write(context, json: false, FailureCause.Configuration, $"{path} cannot be applied; nothing was changed:",
            problems);
        return ExitCodes.Configuration;
    }

    /// <summary>Prints what changes; then, unless a dry run, applies it.</summary>
    private static async Task<int> FinishAsync(CliContext context, IReadOnlyList<Shown> planned, bool dryRun, string where,
        Func<Task> apply)
    {
        foreach (var integration in planned)
        {
            Print(context.Console, integration);
        }
        var changing = planned.Count(p => p.Kind != IntegrationChangeKind.None);
        if (dryRun)
        {
            context.Console.MarkupLine($"Dry run: nothing was changed in {ConsoleText.Escape(where)}.");
            return changing > 0 ? ExitCodes.Changes : ExitCodes.Ok;
        }
        if (changing > 0)
        {
            await apply();
        }
        context.Console.MarkupLine(changing == 0
            ? "Nothing to change."
            : $"Applied {ConsoleText.Count(changing, "integration")} to {ConsoleText.Escape(where)}.");
        return ExitCodes.Ok;
    }

    private static void Print(IAnsiConsole console, Shown integration)
    {
        var name = ConsoleText.Escape(integration.Name);
        console.MarkupLine(integration.Kind switch
        {
            IntegrationChangeKind.Create => $"[green]+ create[/] {name}",
            IntegrationChangeKind.Update => $"[yellow]~ update[/] {name} (revision {integration.Revision} → {integration.Revision + 1})",
            _ => $"  {name}: no changes",
        });
        foreach (var change in integration.Changes)
        {
            console.MarkupLine($"    {ConsoleText.Escape(change)}");
        }
    }

    /// <summary>What applying one integration changes, as printed: <see cref="Revision"/> is the stored one (0 when new).</summary>
    private sealed record Shown(string Name, IntegrationChangeKind Kind, int Revision, IReadOnlyList<string> Changes);
}
