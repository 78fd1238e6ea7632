using System.CommandLine;
using Headwater.Configuration;
using Headwater.Integrations;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>
/// <c>headwater export [NAME] [-o FILE]</c>: the stored configuration as the YAML <c>apply</c> reads, secrets as their
/// <c>${VAR}</c> references: one integration with its <c>name:</c>, or all of them under <c>integrations:</c>.
/// Applying the output changes nothing. Exit 6 when NAME is not stored.
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
            if (ServiceMode.Refused(context))
            {
                return ExitCodes.ServiceUnsupported;
            }
            var wanted = result.GetValue(name);
            await using var data = await CommandData.OpenStore(context, ct);
            var records = await data.Db.Integrations.AsNoTracking().Where(i => wanted == null || i.Name == wanted)
                .OrderBy(i => i.Name).ToListAsync(ct);
            if (wanted is not null && records.Count == 0)
            {
                CommandFailure.Write(context, json: false, FailureCause.Configuration,
                    $"No integration named '{wanted}' is stored in {data.Describe()}.", []);
                return ExitCodes.NotFound;
            }
            var configs = records.Select(r => r.Model()).ToList();
            var yaml = wanted is not null ? IntegrationFile.WriteYaml(configs[0]) : IntegrationFile.WriteYaml(configs);
            if (result.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, yaml, ct);
                context.Console.MarkupLine($"Wrote {ConsoleText.Count(records.Count, "integration")} to {ConsoleText.Escape(path)}.");
            }
            else
            {
                await context.Out.WriteAsync(yaml);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
