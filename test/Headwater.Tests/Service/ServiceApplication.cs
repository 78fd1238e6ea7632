using System.Net.Http.Headers;
using Headwater.Data;
using Headwater.Service;
using Headwater.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Headwater.Tests.Service;

/// <summary>An in-memory SQLite database, kept alive by a connection held open until disposed, and a data directory for
/// the key ring. Several services can start on it one after another, as a restarted service would. Services that sync
/// use a file in the data directory instead (<paramref name="inMemory"/> false): a shared in-memory database locks whole
/// tables between connections, so API reads during a sync would wait on its writes; a file in WAL mode does not.</summary>
/// <param name="inMemory">In memory, or a file.</param>
public sealed class ServiceDatabase(bool inMemory = true) : IAsyncDisposable
{
    private readonly SqliteConnection? _keeper = inMemory ? Keep() : null;

    private static SqliteConnection Keep()
    {
        var keeper = new SqliteConnection(Memory);
        keeper.Open();
        return keeper;
    }

    // A name of its own: HeadwaterDb prepares each connection string once per process.
    private static string Memory => $"Data Source=headwater-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";

    public string DataDirectory { get; } = StateStore.NewDataDirectory();

    public string ConnectionString => _keeper?.ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "headwater.db")}";

    public async ValueTask DisposeAsync()
    {
        if (_keeper is not null)
        {
            await _keeper.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>
/// One service per test, composed by <see cref="ServiceHost"/> exactly as <c>headwater serve</c> composes it, but on a
/// test server and a <see cref="ServiceDatabase"/>; started as serve starts it, with what it printed kept.
/// </summary>
public sealed class ServiceApplication : IAsyncDisposable
{
    private readonly ServiceDatabase? _owned;
    private readonly StringWriter _output = new();

    private ServiceApplication(WebApplication app, ServiceDatabase? owned)
    {
        App = app;
        _owned = owned;
    }

    public WebApplication App { get; }

    /// <summary>What the service printed as it started.</summary>
    public string Output => _output.ToString();

    /// <summary>Where the service listens, as it printed it.</summary>
    public string Url => Output.Split('\n').Select(l => l.Trim())
        .Single(l => l.StartsWith("HEADWATER_URL=", StringComparison.Ordinal))["HEADWATER_URL=".Length..];

    /// <summary>The admin token printed at first start.</summary>
    public string AdminToken => Output.Split('\n').Select(l => l.Trim())
        .Single(l => l.StartsWith("HEADWATER_TOKEN=", StringComparison.Ordinal))["HEADWATER_TOKEN=".Length..];

    /// <param name="database">The database; by default one of its own, removed with the service.</param>
    /// <param name="configuration">Settings, as appsettings.json would give them (Service:PermitLimit, ...).</param>
    /// <param name="time">The service's clock; the system's by default.</param>
    /// <param name="logs">Where the service's log lines are also written.</param>
    /// <param name="configure">Last changes to the service's composition (in-memory telemetry exporters, say).</param>
    /// <param name="urls">Where a real server listens (a browser test's); by default a test server, in memory.</param>
    public static async Task<ServiceApplication> StartAsync(ServiceDatabase? database = null,
        IReadOnlyDictionary<string, string?>? configuration = null, TimeProvider? time = null, ILoggerProvider? logs = null,
        Action<WebApplicationBuilder>? configure = null, string? urls = null)
    {
        var owned = database is null ? new ServiceDatabase() : null;
        var db = database ?? owned!;
        var builder = ServiceHost.CreateBuilder(new DataOptions(db.DataDirectory, null), urls ?? ServiceHost.DefaultUrls, time);
        if (urls is null)
        {
            builder.WebHost.UseTestServer();
        }
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Services.RemoveAll<IDbContextOptionsConfiguration<SqliteHeadwaterDb>>();
        builder.Services.AddDbContext<HeadwaterDb, SqliteHeadwaterDb>(options => options.UseSqlite(db.ConnectionString));
        configure?.Invoke(builder);
        var service = new ServiceApplication(ServiceHost.Build(builder), owned);
        await ServiceHost.StartAsync(service.App, service._output, CancellationToken.None);
        return service;
    }

    /// <summary>A client with <paramref name="token"/> as its bearer token, or none.</summary>
    public HttpClient Client(string? token = null)
    {
        // A real server (a browser test's) is reached over loopback like any client would.
        var client = App.Services.GetService<IServer>() is TestServer ? App.GetTestClient() : new HttpClient { BaseAddress = new Uri(Url) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>A new token's secret, created in the database as <c>headwater tokens create</c> does.</summary>
    public async Task<string> CreateToken(string scope, string name = "test")
    {
        await using var scopeServices = App.Services.CreateAsyncScope();
        var db = scopeServices.ServiceProvider.GetRequiredService<HeadwaterDb>();
        return (await ApiTokens.CreateAsync(db, name, [scope], TimeProvider.System, CancellationToken.None)).Secret;
    }

    /// <summary>Runs <paramref name="query"/> on the service's database.</summary>
    public async Task<T> Query<T>(Func<HeadwaterDb, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HeadwaterDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _output.Dispose();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }
}
