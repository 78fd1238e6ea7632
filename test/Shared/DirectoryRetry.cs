using System.DirectoryServices.Protocols;

namespace Headwater.Testing;

/// <summary>
/// Requests a test sends to a real directory itself, to seed entries or read them back. Samba's AD domain controller
/// drops a connection now and then, as it opens or at a request, most often on a busy machine; a seeding or reading
/// step that failed on that would fail a test that has nothing to do with it. So a dropped request is sent again on a
/// new connection, a few times at most, a little later each time.
/// </summary>
internal static class DirectoryRetry
{
    /// <summary>libldap's LDAP_SERVER_DOWN: the connection is gone, or could not be made.</summary>
    public const int ServerDown = 81;

    private const int Attempts = 4;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    /// <summary>Sends <paramref name="request"/> on <paramref name="connection"/>'s connection. One that is dropped is
    /// given to <paramref name="dropped"/> (to dispose and forget it) and the request sent again on the next one. An add
    /// that finds its entry, or a delete that finds none, after a drop was done before it, and counts as done.</summary>
    public static DirectoryResponse Send(DirectoryRequest request, Func<LdapConnection> connection, Action<LdapConnection> dropped)
    {
        for (var attempt = 1; ; attempt++)
        {
            LdapConnection? current = null;
            try
            {
                current = connection();
                return current.SendRequest(request);
            }
            catch (LdapException e) when (e.ErrorCode == ServerDown && attempt < Attempts)
            {
                if (current is not null)
                {
                    dropped(current);
                }
                Thread.Sleep(Pause * attempt);
            }
            catch (DirectoryOperationException e) when (attempt > 1 && DoneBeforeTheDrop(request, e.Response.ResultCode))
            {
                return e.Response;
            }
        }
    }

    /// <summary>What <paramref name="operation"/> gives (opening and binding a connection, say), tried again when the
    /// connection is dropped.</summary>
    public static T Retrying<T>(Func<T> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return operation();
            }
            catch (LdapException e) when (e.ErrorCode == ServerDown && attempt < Attempts)
            {
                Thread.Sleep(Pause * attempt);
            }
        }
    }

    private static bool DoneBeforeTheDrop(DirectoryRequest request, ResultCode result) => (request, result) switch
    {
        (AddRequest, ResultCode.EntryAlreadyExists) or (DeleteRequest, ResultCode.NoSuchObject) => true,
        _ => false,
    };
}
