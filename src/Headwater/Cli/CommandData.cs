using Headwater.Configuration;
using Headwater.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Cli;

/// <summary>The state store for commands that do not sync (runs, why, migrate, apply, export): where the integration
/// file says, else where HEADWATER_DATA_DIR / HEADWATER_POSTGRES say. Disposing closes it.</summary>
public sealed class CommandData(ServiceProvider services, AsyncServiceScope scope, Integration? integration, DataOptions data) : IAsyncDisposable
{
    public HeadwaterDb Db { get; } = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();

    /// <summary>The integration, when there is a file; why uses it to test scope. Its other secrets may be unread:
    /// never sync with it.</summary>
    public Integration? Integration { get; } = integration;

    /// <summary>Where the state is, in words.</summary>
    public string Describe() => data.Describe();

    public static async Task<CommandData?> Open(CliContext context, string? config, bool json, CancellationToken cancellationToken, bool prepare = true)
    {
        Integration? integration = null;
        var data = DataOptions.FromEnvironment(context.Environment);
        if (config is not null || File.Exists(CommandIntegration.Path(context, null)))
        {
            integration = CommandIntegration.Load(context, config, json, IntegrationSecrets.DataOnly);
            if (integration is null)
            {
                return null;
            }
            data = integration.Ukg.Data;
        }
        return await Open(data, integration, prepare, cancellationToken);
    }

    /// <summary>The state store HEADWATER_DATA_DIR / HEADWATER_POSTGRES name, whatever integration file is about:
    /// where <c>apply</c> and <c>export</c> keep integrations.</summary>
    public static Task<CommandData> OpenStore(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Open(DataOptions.FromEnvironment(context.Environment), null, prepare: true, cancellationToken);
    }

    /// <summary>The state store at <paramref name="data"/>, created or upgraded when <paramref name="prepare"/>.</summary>
    /// <param name="data">Where the state is.</param>
    /// <param name="integration">The integration file, if any.</param>
    /// <param name="prepare">Create or upgrade it first.</param>
    /// <param name="cancellationToken">Stops the upgrade.</param>
    public static async Task<CommandData> Open(DataOptions data, Integration? integration, bool prepare, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddHeadwaterData(data).BuildServiceProvider().Validated();
        var scope = services.CreateAsyncScope();
        var opened = new CommandData(services, scope, integration, data);
        if (prepare)
        {
            await opened.Db.PrepareAsync(cancellationToken);
        }
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
    }
}
