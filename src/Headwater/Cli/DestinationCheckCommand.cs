using Headwater.Configuration;
using Headwater.Integrations;
using Headwater.Service;
using Headwater.Syncing;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>
/// <c>headwater check --destination NAME</c>: tests one destination as a sync would build it, changing nothing in it,
/// the test the Destinations page and <c>POST /api/integrations/{name}/destinations/{destination}/check</c> run. The
/// destination is one of the integration file's, or with <c>--integration</c> one of a stored integration's (of the
/// service at HEADWATER_URL when it is set, else of the state database). Exits 0 when it passed, 1 when the
/// integration cannot be used, 7 when the test failed, 4 when the service at HEADWATER_URL could not be reached, 6 when
/// there is no such integration or destination.
/// </summary>
public static class DestinationCheckCommand
{
    public static async Task<int> Run(CliContext context, string destination, string? stored, string? config, bool json,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        DestinationCheckView? view;
        if (stored is null)
        {
            if (CommandIntegration.Load(context, config, json) is not { } integration)
            {
                return ExitCodes.Configuration;
            }
            view = await CheckAsync(context, integration, CommandIntegration.Path(context, config), destination, json, cancellationToken);
        }
        else
        {
            using var service = ServiceClient.FromEnvironment(context);
            view = service is not null
                ? await service.CheckDestinationAsync(stored, destination, cancellationToken)
                : await StoredAsync(context, stored, destination, json, cancellationToken);
        }
        return view is null ? ExitCodes.NotFound : await Write(context, view, json);
    }

    /// <summary>A destination of an integration stored in the state database.</summary>
    private static async Task<DestinationCheckView?> StoredAsync(CliContext context, string name, string destination, bool json,
        CancellationToken cancellationToken)
    {
        await using var data = await CommandData.OpenStore(context, cancellationToken);
        if (await IntegrationsApi.Find(data.Db, name, cancellationToken) is not { } record)
        {
            CommandFailure.Write(context, json, FailureCause.Configuration, $"No integration named '{name}' is stored in {data.Describe()}.", []);
            return null;
        }
        Integration integration;
        try
        {
            integration = record.ToIntegration();
        }
        catch (ConfigurationException e)
        {
            throw new ServiceException(ExitCodes.Configuration, FailureCause.Configuration, $"The stored integration '{name}' cannot be used:",
                e.Problems);
        }
        return await CheckAsync(context, integration, $"the stored integration '{name}'", destination, json, cancellationToken);
    }

    private static async Task<DestinationCheckView?> CheckAsync(CliContext context, Integration integration, string where,
        string destination, bool json, CancellationToken cancellationToken)
    {
        var name = integration.Name ?? where;
        if (await DestinationChecks.RunAsync(integration, destination, context.Time, cancellationToken) is { } result)
        {
            return DestinationCheckView.Of(name, destination, result);
        }
        CommandFailure.Write(context, json, FailureCause.Configuration, $"{where} has no destination named '{destination}'; its destinations are "
            + string.Join(", ", integration.Destinations.Select(d => d.Name)) + ".", []);
        return null;
    }

    private static async Task<int> Write(CliContext context, DestinationCheckView view, bool json)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(view, CliJson.Readable.DestinationCheckView));
        }
        else
        {
            var verdict = view.Passed ? "[green]Test passed.[/]" : "[red]Test failed.[/]";
            context.Console.MarkupLine($"Destination [bold]{ConsoleText.Escape(view.Destination)}[/]: {verdict} {ConsoleText.Escape(view.Detail)}");
            if (view.Fix is { } fix)
            {
                context.Console.MarkupLine($"What to do: {ConsoleText.Escape(fix)}");
            }
        }
        return view.Passed ? ExitCodes.Ok : ExitCodes.DestinationFailed;
    }
}
