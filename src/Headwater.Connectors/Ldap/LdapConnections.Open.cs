using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
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
            return await Open(cancellationToken);
        }
        catch (DestinationException e) when (e.InnerException is LdapException { ErrorCode: ServerDown })
        {
            await Task.Delay(RetryPause, cancellationToken);
            return await Open(cancellationToken);
        }
    }

    private async Task<LdapConnection> Open(CancellationToken cancellationToken)
    {
        await Probe(cancellationToken);
        return await Task.Run(OpenBound, cancellationToken);
    }

    private LdapConnection OpenBound()
    {
        Interlocked.Increment(ref _opened);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(options.Url.Host, Port))
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
                ? new DestinationException(DestinationFailure.Credentials,
                    $"{Server} refused the bind as {options.BindDn}: {e.ServerErrorMessage ?? e.Message}", e)
                : Unreachable(e);
        }
        catch (DirectoryOperationException e)
        {
            connection.Dispose();
            throw new DestinationException(DestinationFailure.Unreachable, $"{Server} refused the connection: {e.Message}", e);
        }
    }

    /// <summary>
    /// libldap bounds neither the TLS handshake nor the bind: a server that accepts the connection and never answers
    /// (a port forward to a stopped host, a half-dead balancer) would hold the operation, and the run, for good. So a
    /// probe of our own, bounded by the timeout, goes first: the connection, the TLS handshake over LDAPS, an anonymous
    /// bind and its answer, then an unbind. It checks no certificate (libldap's handshake that follows does) and leaves
    /// a refused or dropped connection to libldap, which meets and reports it as it does.
    /// </summary>
    private async Task Probe(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var awaited = "no answer to the connection";
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(options.Url.Host, Port, timeout.Token);
            await using Stream stream = options.Security == LdapSecurity.Ldaps ? new SslStream(client.GetStream()) : client.GetStream();
            if (stream is SslStream tls)
            {
                awaited = "it did not complete the TLS handshake";
#pragma warning disable CA5359 // The probe sends no secret; libldap's own handshake checks the certificate.
                var probe = new SslClientAuthenticationOptions
                {
                    TargetHost = options.Url.Host,
                    RemoteCertificateValidationCallback = AnyCertificate,
                };
#pragma warning restore CA5359
                await tls.AuthenticateAsClientAsync(probe, timeout.Token);
            }
            awaited = "it did not answer an anonymous bind";
            await stream.WriteAsync(AnonymousBind, timeout.Token);
            if (await stream.ReadAsync(new byte[1], timeout.Token) == 1)
            {
                await stream.WriteAsync(Unbind, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DestinationException(DestinationFailure.Unreachable,
                $"{Server} could not be reached: {awaited} within {options.Timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            // libldap meets the same, and says so.
        }
    }

    private int Port => options.Url.IsDefaultPort || options.Url.Port < 0
        ? (options.Security == LdapSecurity.Ldaps ? 636 : 389)
        : options.Url.Port;

    /// <summary>LDAP messages (RFC 4511) in BER: message 1, an anonymous simple bind (version 3, no name, no password).</summary>
    private static readonly byte[] AnonymousBind = [0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, 0x80, 0x00];

    /// <summary>Message 2, an unbind.</summary>
    private static readonly byte[] Unbind = [0x30, 0x05, 0x02, 0x01, 0x02, 0x42, 0x00];

    private static bool AnyCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;

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
