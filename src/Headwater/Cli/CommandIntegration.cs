using Headwater.Configuration;
using Headwater.Syncing;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>
/// Finds and loads the integration file for a command: <c>--config</c>, else HEADWATER_CONFIG, else headwater.yaml in
/// the current directory. Prints every problem, by path, and returns null when it cannot be used.
/// </summary>
public static class CommandIntegration
{
    public const string DefaultFile = "headwater.yaml";

    public static string Path(CliContext context, string? configured) =>
        configured is { Length: > 0 } ? configured
        : context.Environment("HEADWATER_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultFile;

    public static Integration? Load(CliContext context, string? configured, bool json, IntegrationSecrets secrets = IntegrationSecrets.All)
    {
        var path = Path(context, configured);
        if (!File.Exists(path))
        {
            CommandFailure.Write(context, json, FailureCause.Configuration, $"No integration file at {System.IO.Path.GetFullPath(path)}. " +
                "Pass --config FILE or set HEADWATER_CONFIG; examples/headwater.yaml is a commented starting point " +
                "(docs/configuration.md).", []);
            return null;
        }
        try
        {
            var integration = IntegrationFile.Load(path, context.Environment, secrets);
            if (integration.Ukg.Note is { } note && !json)
            {
                context.Console.MarkupLine($"[yellow]Note:[/] {ConsoleText.Escape(note)}");
            }
            return integration;
        }
        catch (ConfigurationException e)
        {
            CommandFailure.Write(context, json, FailureCause.Configuration, $"{path} cannot be used:", e.Problems);
            return null;
        }
    }
}
