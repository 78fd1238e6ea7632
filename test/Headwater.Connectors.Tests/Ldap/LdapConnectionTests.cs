using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Headwater.Connectors.Ldap;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>How the destination reaches slapd: LDAPS and StartTLS with the server's certificate checked against the
/// named CA, a certificate from another CA refused, and a wrong password told apart from an unreachable server.</summary>
[Collection(SlapdCollectionDefinition.Name)]
public sealed class LdapConnectionTests(Slapd slapd) : IDisposable
{
    private readonly string _ou = slapd.ResetOu("connection");
    private readonly string _otherCa = Path.Combine(Path.GetTempPath(), $"headwater-other-ca-{Guid.NewGuid():N}.pem");

    private static async Task<int> Count(LdapOptions options)
    {
        using var destination = new LdapDestination("directory", options);
        return (await destination.ListAccounts().ToListAsync()).Count;
    }

    [Fact]
    public async Task StartTLS_on_the_plain_port_with_the_CA_file_reads_the_directory()
    {
        slapd.Add($"cn=Someone,{_ou}", ("objectClass", ["inetOrgPerson"]), ("sn", ["Someone"]), ("uid", ["someone"]));

        var count = await Count(slapd.Options(_ou) with { Url = slapd.StartTlsUrl, Security = LdapSecurity.StartTls });

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_refused_over_LDAPS_and_StartTLS()
    {
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Some other CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var ca = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
            await File.WriteAllTextAsync(_otherCa, ca.ExportCertificatePem());
        }

        var ldaps = await Assert.ThrowsAsync<DestinationException>(() => Count(slapd.Options(_ou) with { CaFile = _otherCa }));
        var startTls = await Assert.ThrowsAsync<DestinationException>(() =>
            Count(slapd.Options(_ou) with { Url = slapd.StartTlsUrl, Security = LdapSecurity.StartTls, CaFile = _otherCa }));

        Assert.Equal(DestinationFailure.Unreachable, ldaps.Failure);
        Assert.Equal(DestinationFailure.Unreachable, startTls.Failure);
        Assert.Contains(slapd.LdapsUrl.Authority, ldaps.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_binds_and_reads_the_base_and_names_a_wrong_password_or_a_missing_base_with_the_fix()
    {
        async Task<DestinationCheckResult> Check(LdapOptions options)
        {
            using var destination = new LdapDestination("directory", options);
            return await destination.Check();
        }

        var passed = await Check(slapd.Options(_ou));
        var refused = await Check(slapd.Options(_ou) with { Password = "not-the-password" });
        var missing = await Check(slapd.Options(_ou) with { BaseDn = "ou=missing," + _ou });

        Assert.True(passed.Passed, passed.Detail);
        Assert.Contains(_ou, passed.Detail, StringComparison.Ordinal);
        Assert.False(refused.Passed);
        Assert.StartsWith("Give the bind DN and password", refused.Fix, StringComparison.Ordinal);
        Assert.False(missing.Passed);
        Assert.Contains("there is no entry ou=missing", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_a_credentials_failure_naming_the_bind_DN()
    {
        var options = slapd.Options(_ou) with { Password = "not-the-password" };

        var failure = await Assert.ThrowsAsync<DestinationException>(() => Count(options));

        Assert.Equal(DestinationFailure.Credentials, failure.Failure);
        Assert.Contains(options.BindDn, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_left_before_its_end_gives_its_connection_back_for_the_next_operation()
    {
        for (var i = 1; i <= 5; i++)
        {
            slapd.Add($"uid=person{i},{_ou}", ("objectClass", ["inetOrgPerson"]), ("cn", [$"Person {i}"]), ("sn", ["Person"]));
        }
        using var connections = new LdapConnections(slapd.Options(_ou) with { PageSize = 2 });

        for (var i = 0; i < 3; i++)
        {
            // The first entry of a paged search, then the base entry alone: both left with the server holding more.
            await connections.Search(_ou, "(objectClass=inetOrgPerson)", ["uid"], CancellationToken.None).FirstAsync();
            Assert.NotNull(await connections.Read(_ou, ["ou"], CancellationToken.None));
        }
        var all = await connections.Search(_ou, "(objectClass=inetOrgPerson)", ["uid"], CancellationToken.None).ToListAsync();

        Assert.Equal(5, all.Count);
        Assert.Equal(1, connections.Opened);
    }

    [Fact]
    public async Task Connections_the_server_closed_while_idle_are_replaced_and_the_operation_goes_through()
    {
        var url = new Uri(slapd.Options(_ou).Url.ToString());
        using var proxy = new ClosingProxy(url.Host, url.Port);
        using var connections = new LdapConnections(slapd.Options(_ou) with { Url = new Uri($"ldaps://127.0.0.1:{proxy.Port}") });
        Assert.NotNull(await connections.Read(_ou, ["ou"], CancellationToken.None));

        proxy.CloseAll();
        await connections.Send(new ModifyRequest(_ou, DirectoryAttributeOperation.Replace, "description", "written"), CancellationToken.None);
        proxy.CloseAll();
        var read = await connections.Read(_ou, ["description"], CancellationToken.None);

        Assert.Equal("written", DirectoryPeer.First(read!, "description"));
        Assert.Equal(3, connections.Opened);
        Assert.Equal(6, proxy.Accepted); // each open is two connections: the probe, then libldap's

    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_new_connection_dropped_as_it_opens_or_at_its_first_request_is_tried_once_more_then_fails_naming_the_server(
        bool atFirstRequest)
    {
        // Plain LDAP through the relay when the drop is at the first request, so that it sees where the bind ends.
        var url = atFirstRequest ? slapd.StartTlsUrl : new Uri(slapd.Options(_ou).Url.ToString());
        using var proxy = new ClosingProxy(url.Host, url.Port);
        var options = slapd.Options(_ou) with
        {
            Url = new Uri($"{url.Scheme}://127.0.0.1:{proxy.Port}"),
            Security = atFirstRequest ? LdapSecurity.None : LdapSecurity.Ldaps,
        };
        // Each open is two connections, the probe and then libldap's: both are dropped.
        void Drop(int count)
        {
            if (atFirstRequest)
            {
                proxy.DropNextAfterBind(2 * count);
            }
            else
            {
                proxy.DropNext(2 * count);
            }
        }
        using (var connections = new LdapConnections(options))
        {
            Drop(1);
            await connections.Send(new ModifyRequest(_ou, DirectoryAttributeOperation.Replace, "description", "sent twice"),
                CancellationToken.None);
            Assert.Equal(2, connections.Opened);
        }
        using (var connections = new LdapConnections(options))
        {
            Drop(1);
            var read = await connections.Read(_ou, ["description"], CancellationToken.None);
            Assert.Equal("sent twice", DirectoryPeer.First(read!, "description"));
            Assert.Equal(2, connections.Opened);
        }
        using (var connections = new LdapConnections(options))
        {
            Drop(2);
            var error = await Assert.ThrowsAsync<DestinationException>(() =>
                connections.Send(new ModifyRequest(_ou, DirectoryAttributeOperation.Replace, "description", "again"), CancellationToken.None));
            Assert.Equal(DestinationFailure.Unreachable, error.Failure);
            Assert.Contains($"127.0.0.1:{proxy.Port} could not be reached", error.Message, StringComparison.Ordinal);
            Assert.Equal(2, connections.Opened);
        }
        Assert.Equal(12, proxy.Accepted);
    }

    [Theory]
    [InlineData(LdapSecurity.Ldaps, "it did not complete the TLS handshake")]
    [InlineData(LdapSecurity.StartTls, "it did not answer an anonymous bind")]
    [InlineData(LdapSecurity.None, "it did not answer an anonymous bind")]
    public async Task A_server_that_accepts_the_connection_and_never_answers_fails_within_the_timeout(LdapSecurity security, string awaited)
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var connections = new LdapConnections(slapd.Options(_ou) with
        {
            Url = new Uri($"{(security == LdapSecurity.Ldaps ? "ldaps" : "ldap")}://127.0.0.1:{port}"),
            Security = security,
            Timeout = TimeSpan.FromSeconds(1),
        });

        // Bounded here too: libldap's own handshake or bind with a silent server would never return.
        var error = await Assert.ThrowsAsync<DestinationException>(() => connections.Read(_ou, ["ou"], CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(DestinationFailure.Unreachable, error.Failure);
        Assert.Equal($"127.0.0.1:{port} could not be reached: {awaited} within 1 s.", error.Message);
        Assert.Equal(0, connections.Opened);
    }

    [Fact]
    public async Task An_add_with_the_post_read_control_answers_with_the_new_entrys_entryUUID()
    {
        using var connections = new LdapConnections(slapd.Options(_ou));
        var request = new AddRequest($"uid=added,{_ou}", new DirectoryAttribute("objectClass", "inetOrgPerson"),
            new DirectoryAttribute("cn", "Added"), new DirectoryAttribute("sn", "Added"));
        request.Controls.Add(LdapControls.PostRead("entryUUID"));

        var supported = await connections.Supports(LdapControls.PostReadOid, CancellationToken.None);
        var response = await connections.Send(request, CancellationToken.None);

        Assert.True(supported);
        var stored = slapd.Search(_ou, "(uid=added)", SearchScope.Subtree, "entryUUID").Single();
        Assert.Equal(slapd.IdOf(stored), LdapControls.PostReadValue(response, "entryUUID"));
    }

    [Fact]
    public async Task A_modify_under_an_assertion_applies_only_while_the_entry_matches_it()
    {
        slapd.Add($"uid=asserted,{_ou}", ("objectClass", ["inetOrgPerson"]), ("cn", ["Asserted"]), ("sn", ["Asserted"]));
        var id = slapd.IdOf(slapd.Search(_ou, "(uid=asserted)", SearchScope.Subtree, "entryUUID").Single());
        using var connections = new LdapConnections(slapd.Options(_ou));
        ModifyRequest Retitle(string title, string entryUuid)
        {
            var request = new ModifyRequest($"uid=asserted,{_ou}", DirectoryAttributeOperation.Replace, "title", title);
            request.Controls.Add(LdapControls.Assertion([("entryUUID", entryUuid)], [("description", "not managed")]));
            return request;
        }

        await connections.Send(Retitle("Matched", id), CancellationToken.None);
        var otherId = await Assert.ThrowsAsync<DirectoryOperationException>(() =>
            connections.Send(Retitle("Other id", Guid.NewGuid().ToString()), CancellationToken.None));
        slapd.Send(new ModifyRequest($"uid=asserted,{_ou}", DirectoryAttributeOperation.Add, "description", "not managed"));
        var marked = await Assert.ThrowsAsync<DirectoryOperationException>(() =>
            connections.Send(Retitle("Marked", id), CancellationToken.None));

        Assert.Equal(LdapControls.AssertionFailed, otherId.Response.ResultCode);
        Assert.Equal(LdapControls.AssertionFailed, marked.Response.ResultCode);
        Assert.Equal("Matched", DirectoryPeer.First(slapd.Search(_ou, "(uid=asserted)", SearchScope.Subtree, "title").Single(), "title"));
    }

    public void Dispose() => File.Delete(_otherCa);
}
