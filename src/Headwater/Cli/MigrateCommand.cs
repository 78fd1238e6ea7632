using System.CommandLine;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary><c>headwater migrate</c>: creates or upgrades the state database (the integration file's, else
/// HEADWATER_DATA_DIR / HEADWATER_POSTGRES) and says which migrations it applied. The only command that changes a
/// PostgreSQL schema; SQLite is also migrated on first use.</summary>
public static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The integration file (default: HEADWATER_CONFIG, else ./headwater.yaml)." };
        var command = new Command("migrate", "Create or upgrade Headwater's state database.") { config };
        command.SetAction(async (result, ct) =>
        {
            await using var data = await CommandData.Open(context, result.GetValue(config), json: false, ct, prepare: false);
            if (data is null)
            {
                return ExitCodes.Configuration;
            }
            var applied = await data.Db.MigrateAsync(ct);
            context.Console.MarkupLine(applied.Count == 0
                ? $"The database is up to date ({ConsoleText.Escape(data.Describe())})."
                : $"Applied {ConsoleText.Count(applied.Count, "migration")} to {ConsoleText.Escape(data.Describe())}: {ConsoleText.Escape(string.Join(", ", applied))}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
