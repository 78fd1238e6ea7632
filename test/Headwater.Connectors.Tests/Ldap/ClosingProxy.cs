using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>A TCP relay on a loopback port to a directory, which can close every connection through it at once, as a
/// server does that restarts or drops idle clients, or drop new ones as they come. TLS passes through it untouched.</summary>
internal sealed class ClosingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private int _dropping;
    private int _droppingAfterBind;

    public ClosingProxy(string host, int port)
    {
        _listener.Start();
        _ = Task.Run(() => Accept(host, port));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Closes the next <paramref name="count"/> connections as soon as they are accepted.</summary>
    public void DropNext(int count) => Interlocked.Exchange(ref _dropping, count);

    /// <summary>Lets the next <paramref name="count"/> connections send their first message (over plain LDAP, the bind)
    /// and have its answer, then closes each as it sends its second.</summary>
    public void DropNextAfterBind(int count) => Interlocked.Exchange(ref _droppingAfterBind, count);

    public void CloseAll()
    {
        while (_open.TryTake(out var client))
        {
            client.Client.Close(0);
        }
    }

    private async Task Accept(string host, int port)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Accepted++;
            if (TakeOne(ref _dropping))
            {
                client.Client.Close(0);
                continue;
            }
            var server = new TcpClient();
            await server.ConnectAsync(host, port);
            _open.Add(client);
            _open.Add(server);
            _ = TakeOne(ref _droppingAfterBind) ? RelayFirstOnly(client, server) : Pump(client, server);
            _ = Pump(server, client);
        }
    }

    private static bool TakeOne(ref int count)
    {
        if (Volatile.Read(ref count) <= 0)
        {
            return false;
        }
        Interlocked.Decrement(ref count);
        return true;
    }

    private static async Task RelayFirstOnly(TcpClient from, TcpClient to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var read = await from.GetStream().ReadAsync(buffer);
            await to.GetStream().WriteAsync(buffer.AsMemory(0, read));
            await from.GetStream().ReadExactlyAsync(buffer.AsMemory(0, 1));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or EndOfStreamException)
        {
        }
        from.Client.Close(0);
        to.Client.Close(0);
    }

    private static async Task Pump(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }
        to.Client.Close(0);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        CloseAll();
        _stop.Dispose();
    }
}
