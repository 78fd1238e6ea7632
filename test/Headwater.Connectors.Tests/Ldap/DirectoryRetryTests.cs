using System.DirectoryServices.Protocols;
using Headwater.Testing;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>The tests' own seeding and reading (<see cref="DirectoryRetry"/>) through a relay that drops connections as
/// they open, as Samba's AD domain controller now and then does.</summary>
[Collection(SlapdCollectionDefinition.Name)]
public sealed class DirectoryRetryTests(Slapd slapd)
{
    private readonly string _ou = slapd.ResetOu("retry");

    [Fact]
    public void A_request_is_sent_again_on_new_connections_after_three_drops_and_fails_on_the_fourth()
    {
        using var proxy = new ClosingProxy(slapd.LdapsUrl.Host, slapd.LdapsUrl.Port);
        var modify = new ModifyRequest(_ou, DirectoryAttributeOperation.Replace, "description", "sent");

        proxy.DropNext(3);
        Send(proxy, modify);
        Assert.Equal("sent", DirectoryPeer.First(slapd.ByDn(_ou)!, "description"));
        Assert.Equal(4, proxy.Accepted);

        proxy.DropNext(4);
        var error = Assert.Throws<LdapException>(() => Send(proxy, modify));
        Assert.Equal(DirectoryRetry.ServerDown, error.ErrorCode);
        Assert.Equal(8, proxy.Accepted);
    }

    [Fact]
    public void After_a_drop_an_add_that_finds_its_entry_and_a_delete_that_finds_none_count_as_done()
    {
        using var proxy = new ClosingProxy(slapd.LdapsUrl.Host, slapd.LdapsUrl.Port);
        var dn = $"cn=Added,{_ou}";
        var add = new AddRequest(dn, new DirectoryAttribute("objectClass", "person"), new DirectoryAttribute("sn", "Added"));
        slapd.Send(add);

        proxy.DropNext(1);
        Assert.Equal(ResultCode.EntryAlreadyExists, Send(proxy, add).ResultCode);
        Assert.Throws<DirectoryOperationException>(() => Send(proxy, add));

        slapd.Send(new DeleteRequest(dn));
        proxy.DropNext(1);
        Assert.Equal(ResultCode.NoSuchObject, Send(proxy, new DeleteRequest(dn)).ResultCode);
        Assert.Throws<DirectoryOperationException>(() => Send(proxy, new DeleteRequest(dn)));
    }

    private DirectoryResponse Send(ClosingProxy proxy, DirectoryRequest request)
    {
        LdapConnection? connection = null;
        try
        {
            return DirectoryRetry.Send(request, () => connection ??= slapd.ConnectRaw(proxy.Port), dropped =>
            {
                dropped.Dispose();
                connection = null;
            });
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
