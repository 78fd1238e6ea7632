using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Data;

/// <summary>
/// ASP.NET Core Data Protection as Headwater uses it: one application name, so every process on the same key ring
/// (the CLI, the service) reads what the others wrote, and the key ring in <see cref="DataOptions.KeysPath"/>
/// (<c>keys/</c> in the data directory unless HEADWATER_KEYS says otherwise). Losing the key ring loses every stored secret.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "Headwater";

    /// <summary>Registers Data Protection with the key ring in <see cref="DataOptions.KeysPath"/>; safe to call twice.</summary>
    /// <param name="services">The host's or the command's services.</param>
    /// <param name="options">Where the data directory (and so the key ring) is.</param>
    public static IServiceCollection AddHeadwaterDataProtection(this IServiceCollection services, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.KeysPath;
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(keys));
        // Created owner-only before the first key is written (Data Protection would create it readable by others);
        // options are built only when a secret is first protected, so commands that store none leave no directory.
        services.AddOptions<KeyManagementOptions>().PostConfigure(_ => PrivateFiles.CreateDirectory(keys));
        return services;
    }
}
