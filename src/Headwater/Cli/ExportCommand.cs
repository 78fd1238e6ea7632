using System.CommandLine;
using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Integrations;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>
/// <c>headwater export [NAME] [-o FILE]</c>: the stored configuration (of the state database, or of the service at
/// HEADWATER_URL when it is set) as the YAML <c>apply</c> reads, secrets as their <c>${VAR}</c> references: one
/// integration with its <c>name:</c>, or all of them under <c>integrations:</c>. Applying the output changes nothing.
/// Exit 6 when NAME is not stored.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("name") { Description = "The integration (default: all).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (default: standard output)." };
        var command = new Command("export", "Write stored integrations out as YAML, secrets as ${VAR} references.") { name, output };
        command.SetAction(async (result, ct) =>
        {
            var wanted = result.GetValue(name);
            using var service = ServiceClient.FromEnvironment(context);
            var configs = service is null ? await StoredAsync(context, wanted, ct) : await FromServiceAsync(service, wanted, ct);
            if (configs is null)
            {
                return ExitCodes.NotFound;
            }
            var yaml = wanted is not null ? IntegrationFile.WriteYaml(configs[0]) : IntegrationFile.WriteYaml(configs);
            if (result.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, yaml, ct);
                context.Console.MarkupLine($"Wrote {ConsoleText.Count(configs.Count, "integration")} to {ConsoleText.Escape(path)}.");
            }
            else
            {
                await context.Out.WriteAsync(yaml);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The integrations in the state database, by name; null (with the failure printed) when NAME is not stored.</summary>
    private static async Task<IReadOnlyList<IntegrationConfig>?> StoredAsync(CliContext context, string? wanted,
        CancellationToken cancellationToken)
    {
        await using var data = await CommandData.OpenStore(context, cancellationToken);
        var records = await data.Db.Integrations.AsNoTracking().Where(i => wanted == null || i.Name == wanted)
            .OrderBy(i => i.Name).ToListAsync(cancellationToken);
        if (wanted is not null && records.Count == 0)
        {
            CommandFailure.Write(context, json: false, FailureCause.Configuration,
                $"No integration named '{wanted}' is stored in {data.Describe()}.", []);
            return null;
        }
        return [.. records.Select(r => r.Model())];
    }

    /// <summary>The service's integrations, by name (a NAME it does not hold is its 404, exit 6).</summary>
    private static async Task<IReadOnlyList<IntegrationConfig>> FromServiceAsync(ServiceClient service, string? wanted,
        CancellationToken cancellationToken)
    {
        IEnumerable<string> names = wanted is not null
            ? [wanted]
            : (await service.ListAsync(cancellationToken)).Select(i => i.Name).Order(StringComparer.Ordinal);
        var configs = new List<IntegrationConfig>();
        foreach (var name in names)
        {
            configs.Add(await service.GetAsync(name, cancellationToken));
        }
        return configs;
    }
}
