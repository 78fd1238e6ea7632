using Headwater.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Headwater.Tests.Support;

/// <summary>
/// Where a test keeps its state: a SQLite file in a data directory of its own, or a PostgreSQL database of its own
/// on the server eng/postgres.sh starts. Disposing removes it.
/// </summary>
public abstract class StateStore : IAsyncDisposable
{
    public const string PostgresVariable = "HEADWATER_TEST_POSTGRES";

    protected StateStore(DataOptions options) => Options = options;

    public DataOptions Options { get; }

    public abstract string Provider { get; }

    public static StateStore Sqlite() => new SqliteStore();

    /// <summary>A new, not yet created database on the test PostgreSQL server (<see cref="MigrateAsync"/> creates
    /// it). Fails, never skips, when the server is not configured.</summary>
    public static StateStore Postgres() => new PostgresStore(PostgresConnectionString());

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "headwater-tests", Guid.NewGuid().ToString("N"));

    public static string PostgresConnectionString()
    {
        var configured = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            Assert.Fail($"{PostgresVariable} is not set, so the PostgreSQL state tests cannot run. Start a throwaway server and " +
                $"export its connection string: export {PostgresVariable}=$(eng/postgres.sh 55432) (test.sh does this).");
        }
        return new NpgsqlConnectionStringBuilder(configured) { Database = $"headwater_test_{Guid.NewGuid():N}" }.ConnectionString;
    }

    /// <summary>Makes the store ready as an operator would after installing: PostgreSQL through an explicit
    /// migration (commands never change its schema); SQLite is left to migrate itself on first use.</summary>
    public abstract Task MigrateAsync();

    /// <summary>The data services alone on this store, migrated and prepared: for tests of storage and queries.</summary>
    public async Task<ServiceProvider> DataServicesAsync()
    {
        await MigrateAsync();
        var services = new ServiceCollection().AddHeadwaterData(Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HeadwaterDb>().PrepareAsync();
        return services;
    }

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteStore() : StateStore(new DataOptions(NewDataDirectory(), null))
    {
        public override string Provider => "SQLite";

        public override Task MigrateAsync() => Task.CompletedTask;

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(Options.DataDirectory))
            {
                Directory.Delete(Options.DataDirectory, recursive: true);
            }
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresStore(string connectionString) : StateStore(new DataOptions(NewDataDirectory(), connectionString))
    {
        public override string Provider => "PostgreSQL";

        public override async Task MigrateAsync()
        {
            await using var db = new PostgresHeadwaterDb(new DbContextOptionsBuilder<PostgresHeadwaterDb>().UseNpgsql(connectionString).Options);
            await db.MigrateAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            var options = new DbContextOptionsBuilder<PostgresHeadwaterDb>().UseNpgsql(connectionString).Options;
            await using var db = new PostgresHeadwaterDb(options);
            await db.Database.EnsureDeletedAsync();
        }
    }
}
