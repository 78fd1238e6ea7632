using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>A TCP relay on a loopback port to a directory, which can close every connection through it at once, as a
/// server does that restarts or drops idle clients. TLS passes through it untouched.</summary>
internal sealed class ClosingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();

    public ClosingProxy(string host, int port)
    {
        _listener.Start();
        _ = Task.Run(() => Accept(host, port));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

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
            var server = new TcpClient();
            await server.ConnectAsync(host, port);
            _open.Add(client);
            _open.Add(server);
            _ = Pump(client, server);
            _ = Pump(server, client);
        }
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
