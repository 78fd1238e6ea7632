using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(keys));
        if (options.KeysCertificate is { } path)
        {
            // Each key is encrypted to the certificate before it is written. The certificate is also given for
            // decryption: on Linux, Data Protection would otherwise look for it in the user's certificate store.
            var certificate = LoadCertificate(path, options.KeysCertificatePassword);
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        // Created owner-only before the first key is written (Data Protection would create it readable by others);
        // options are built only when a secret is first protected, so commands that store none leave no directory.
        services.AddOptions<KeyManagementOptions>().PostConfigure(_ => PrivateFiles.CreateDirectory(keys));
        return services;
    }

    /// <exception cref="StateStoreException">The file cannot be read, is not PKCS#12, the password is wrong, or it
    /// holds no private key.</exception>
    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        var what = $"{DataOptions.KeysCertificateVariable} '{path}'";
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey ? certificate
                : throw new StateStoreException($"{what} holds no private key, so the key ring could not be read back; export it with its key.");
        }
        catch (CryptographicException)
        {
            throw new StateStoreException($"{what} is not a PKCS#12 (.pfx) file, or {DataOptions.KeysCertificatePasswordVariable} " +
                "is not its password.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateStoreException($"{what} cannot be read: {e.Message}");
        }
    }
}
