using System.DirectoryServices.Protocols;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Ldap;

/// <summary>Opening and binding a connection, over LDAPS or StartTLS with the certificate checked as the options say.</summary>
internal sealed partial class LdapConnections
{
    /// <summary>A new bound connection. One the server drops as it opens (Samba's AD DC has, now and then, under load)
    /// is tried once more after a pause: only a second drop fails the operation.</summary>
    private async Task<LdapConnection> OpenOrRetry(CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(Open, cancellationToken);
        }
        catch (DestinationException e) when (e.InnerException is LdapException { ErrorCode: ServerDown })
        {
            await Task.Delay(RetryPause, cancellationToken);
            return await Task.Run(Open, cancellationToken);
        }
    }

    private LdapConnection Open()
    {
        Interlocked.Increment(ref _opened);
        var port = options.Url.IsDefaultPort || options.Url.Port < 0 ? (options.Security == LdapSecurity.Ldaps ? 636 : 389) : options.Url.Port;
        var connection = new LdapConnection(new LdapDirectoryIdentifier(options.Url.Host, port))
        {
            AuthType = AuthType.Basic,
            Timeout = options.Timeout,
        };
        try
        {
            var session = connection.SessionOptions;
            session.ProtocolVersion = 3;
            session.ReferralChasing = ReferralChasingOptions.None;
            if (options.Security != LdapSecurity.None)
            {
                Trust(session);
            }
            if (options.Security == LdapSecurity.Ldaps)
            {
                session.SecureSocketLayer = true;
            }
            else if (options.Security == LdapSecurity.StartTls)
            {
                // libldap opens the connection on the first operation, and StartTLS needs it open: an anonymous
                // bind opens it, then the service account binds over the encrypted connection.
                connection.AuthType = AuthType.Anonymous;
                connection.Bind();
                session.StartTransportLayerSecurity(null);
                connection.AuthType = AuthType.Basic;
            }
            connection.Bind(new NetworkCredential(options.BindDn, options.Password));
            return connection;
        }
        catch (LdapException e)
        {
            connection.Dispose();
            throw e.ErrorCode == 49
                ? new DestinationException(DestinationFailure.Credentials, $"{Server} refused the bind as {options.BindDn}: {e.ServerErrorMessage ?? e.Message}", e)
                : Unreachable(e);
        }
        catch (DirectoryOperationException e)
        {
            connection.Dispose();
            throw new DestinationException(DestinationFailure.Unreachable, $"{Server} refused the connection: {e.Message}", e);
        }
    }

    /// <summary>The certificate check: the named CA file only (libldap reads a directory of CA files, so the file is
    /// given a directory of its own), or none at all when checking is turned off.</summary>
    private void Trust(LdapSessionOptions session)
    {
        if (!options.VerifyCertificate)
        {
            // Only Windows lets the caller judge the certificate; libldap refuses the callback (see LdapKind).
            if (OperatingSystem.IsWindows())
            {
                session.VerifyServerCertificate = (_, _) => true;
            }
            return;
        }
        if (options.CaFile is not { } caFile)
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            session.VerifyServerCertificate = (_, certificate) => ChainsTo(certificate, caFile);
            return;
        }
        session.TrustedCertificatesDirectory = _trustDirectory.Value;
        session.StartNewTlsSessionContext();
    }

    /// <summary>Windows asks the caller to judge the certificate: it must chain to the named CA alone.</summary>
    private static bool ChainsTo(X509Certificate certificate, string caFile)
    {
        using var server = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.ImportFromPemFile(caFile);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    private static string TrustDirectory(string caFile)
    {
        var directory = Path.Combine(Path.GetTempPath(), "headwater-ldap-ca", Convert.ToHexString(
            System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(caFile)))[..16]);
        Directory.CreateDirectory(directory);
        // Copied beside, then renamed into place: another process may be reading the same directory.
        var copy = Path.Combine(directory, $".ca-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        File.Copy(caFile, copy);
        File.Move(copy, Path.Combine(directory, "ca.pem"), overwrite: true);
        return directory;
    }
}
