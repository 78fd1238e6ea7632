using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using System.Runtime.CompilerServices;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// Bound connections to one directory, opened as needed and reused: a connection carries one operation at a time,
/// and a paged search keeps its connection until the last page (the server ties the paging cookie to it).
/// Connecting or binding failures become <see cref="DestinationException"/>s naming the server and the cause.
/// </summary>
internal sealed partial class LdapConnections(LdapOptions options) : IDisposable
{
    /// <summary>libldap's LDAP_SERVER_DOWN: the connection is gone.</summary>
    private const int ServerDown = 81;
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentBag<LdapConnection> _idle = [];
    private readonly Lazy<string> _trustDirectory = new(() => TrustDirectory(options.CaFile!));
    private int _opened;
    private int _searched;
    private Task<HashSet<string>>? _controls;

    public LdapOptions Options => options;

    private string Server => options.Url.Authority;

    /// <summary>How many connections have been opened and bound so far.</summary>
    internal int Opened => _opened;

    /// <summary>How many searches have been started so far (a paged one counts once).</summary>
    internal int Searched => _searched;

    /// <summary>Sends one request and returns the response; a refused operation throws <see cref="DirectoryOperationException"/>.</summary>
    public Task<DirectoryResponse> Send(DirectoryRequest request, CancellationToken cancellationToken) =>
        Send(request, retried: false, cancellationToken);

    private async Task<DirectoryResponse> Send(DirectoryRequest request, bool retried, CancellationToken cancellationToken)
    {
        var (connection, reused) = await Rent(cancellationToken);
        var healthy = false;
        try
        {
            var response = await Exchange(connection, request);
            healthy = true;
            return response;
        }
        catch (DirectoryOperationException)
        {
            healthy = true; // the server answered: the connection is fine
            throw;
        }
        catch (LdapException e) when (e.ErrorCode == ServerDown && (reused || !retried))
        {
            await Dropped(reused, cancellationToken);
            return await Send(request, retried || !reused, cancellationToken);
        }
        catch (LdapException e)
        {
            throw Unreachable(e);
        }
        finally
        {
            Return(connection, healthy);
        }
    }

    /// <summary>Every entry under <paramref name="baseDn"/> matching <paramref name="filter"/>, page by page. A caller
    /// may stop early (the first match is enough): the connection goes back to the pool all the same, the server's
    /// unread pages let go first, so stopping early never costs the next operation a new connection and bind.</summary>
    public async IAsyncEnumerable<SearchResultEntry> Search(string baseDn, string filter, string[] attributes,
        [EnumeratorCancellation] CancellationToken cancellationToken, SearchScope scope = SearchScope.Subtree)
    {
        Interlocked.Increment(ref _searched);
        var (connection, reused) = await Rent(cancellationToken);
        var (broken, retried) = (false, false);
        var paging = new PageResultRequestControl(options.PageSize) { IsCritical = false };
        var request = new SearchRequest(baseDn, filter, scope, attributes);
        request.Controls.Add(paging);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SearchResponse response;
                try
                {
                    response = (SearchResponse)await Exchange(connection, request);
                }
                catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.NoSuchObject)
                {
                    yield break; // nothing under a base that does not exist yet
                }
                catch (LdapException e) when (e.ErrorCode == ServerDown && (reused || !retried) && paging.Cookie is not { Length: > 0 })
                {
                    // The server closed the connection before the first page: it is asked again on a new one.
                    connection.Dispose();
                    await Dropped(reused, cancellationToken);
                    retried |= !reused;
                    (connection, reused) = (await OpenOrRetry(cancellationToken), false);
                    continue;
                }
                catch (LdapException e)
                {
                    broken = true;
                    throw Unreachable(e);
                }
                paging.Cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie ?? [];
                foreach (SearchResultEntry entry in response.Entries)
                {
                    yield return entry;
                }
                if (paging.Cookie.Length == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            // A search left before its last page: a page size of 0 with the cookie ends it on the server (RFC 2696).
            if (!broken && paging.Cookie is { Length: > 0 })
            {
                paging.PageSize = 0;
                broken = !await EndSearch(connection, request);
            }
            Return(connection, healthy: !broken);
        }
    }

    private static async Task<bool> EndSearch(LdapConnection connection, SearchRequest request)
    {
        try
        {
            await Exchange(connection, request);
            return true;
        }
        catch (DirectoryException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends the request and waits for its answer on a pool thread. Not BeginSendRequest: on Linux it polls libldap
    /// for the answer with delays that double from 1 ms to 100 ms, so every operation waits several milliseconds
    /// after the answer has come (docs/benchmarks.md, LDAP); the blocking call returns as soon as it is there. The
    /// connection's timeout bounds the wait.
    /// </summary>
    private static Task<DirectoryResponse> Exchange(LdapConnection connection, DirectoryRequest request) =>
        Task.Run(() => connection.SendRequest(request));

    /// <summary>The one entry at <paramref name="dn"/>, or null when there is none.</summary>
    public async Task<SearchResultEntry?> Read(string dn, string[] attributes, CancellationToken cancellationToken)
    {
        await foreach (var entry in Search(dn, "(objectClass=*)", attributes, cancellationToken, SearchScope.Base))
        {
            return entry;
        }
        return null;
    }

    /// <summary>Whether the server lists the control in its root DSE's supportedControl, read once for the pool.</summary>
    public async Task<bool> Supports(string oid, CancellationToken cancellationToken)
    {
        var controls = _controls ??= SupportedControls();
        try
        {
            return (await controls.WaitAsync(cancellationToken)).Contains(oid);
        }
        catch (Exception) when (controls.IsFaulted)
        {
            _controls = null; // asked again next time
            throw;
        }
    }

    private async Task<HashSet<string>> SupportedControls()
    {
        var rootDse = await Read("", ["supportedControl"], CancellationToken.None);
        return rootDse?.Attributes["supportedControl"] is { } values
            ? values.GetValues(typeof(string)).Cast<string>().ToHashSet(StringComparer.Ordinal)
            : [];
    }

    /// <summary>An idle connection (reused), else a new one.</summary>
    private async Task<(LdapConnection Connection, bool Reused)> Rent(CancellationToken cancellationToken)
    {
        if (_idle.TryTake(out var idle))
        {
            return (idle, true);
        }
        return (await OpenOrRetry(cancellationToken), false);
    }

    /// <summary>After the server closed a connection before answering. A kept one (a restart, a worker replaced, an idle
    /// timeout): so are the other kept ones, and the operation goes again at once on a new one. A new one (Samba's AD
    /// DC drops some under load): the operation goes once more, after a pause.</summary>
    private async Task Dropped(bool reused, CancellationToken cancellationToken)
    {
        DropIdle();
        if (!reused)
        {
            await Task.Delay(RetryPause, cancellationToken);
        }
    }

    private void DropIdle()
    {
        while (_idle.TryTake(out var idle))
        {
            idle.Dispose();
        }
    }

    private void Return(LdapConnection connection, bool healthy)
    {
        if (healthy)
        {
            _idle.Add(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    private DestinationException Unreachable(LdapException e) =>
        new(DestinationFailure.Unreachable, $"{Server} could not be reached: {e.ServerErrorMessage ?? e.Message}", e);

    public void Dispose() => DropIdle();
}
