using Headwater.Cli;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _dataDirectory = StateStore.NewDataDirectory();

    [Fact]
    public async Task Migrate_creates_the_default_database_and_a_second_run_finds_it_up_to_date()
    {
        using var cli = new CliHarness(new Dictionary<string, string> { ["HEADWATER_DATA_DIR"] = _dataDirectory });

        var first = await cli.Run("migrate");
        var second = await cli.Run("migrate");

        Assert.Equal(0, first.Exit);
        Assert.Matches(@"Applied \d+ migrations? to SQLite at .*headwater\.db: .*_Initial", first.Output);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "headwater.db")));
        Assert.Equal(0, second.Exit);
        Assert.Contains("The database is up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_PostgreSQL_commands_refuse_a_database_without_its_schema_until_migrate_applies_it()
    {
        await using var store = StateStore.Postgres();
        await using var env = await SyncCli.StartAsync(employees: 5);
        var environment = env.Environment();
        environment["HEADWATER_POSTGRES"] = store.Options.PostgresConnectionString!;
        using var cli = new CliHarness(environment);

        foreach (var command in new[] { "sync", "workers" })
        {
            var refused = await cli.Run(command);
            Assert.True(refused.Exit == ExitCodes.Configuration, $"{command}: {refused.Output}");
            Assert.Matches(@"The PostgreSQL database has no Headwater schema yet \(\d+ schema changes, newest: \d+_\w+\)\. " +
                "Run `headwater migrate` to create it.", refused.Output);
            Assert.DoesNotContain("   at ", refused.Output, StringComparison.Ordinal);
        }
        Assert.Equal(0, env.Scim.UserCount);

        var migrate = await cli.Run("migrate");
        Assert.True(migrate.Exit == ExitCodes.Ok, migrate.Output);
        Assert.Matches(@"Applied \d+ migrations to PostgreSQL \(HEADWATER_POSTGRES\): .*_Initial", migrate.Output);

        var sync = await cli.Run("sync");
        Assert.True(sync.Exit == ExitCodes.Ok, sync.Output);
        Assert.True(env.Scim.UserCount > 0);
        var workers = await cli.Run("workers");
        Assert.True(workers.Exit == ExitCodes.Ok, workers.Output);

        var again = await cli.Run("migrate");
        Assert.True(again.Exit == ExitCodes.Ok, again.Output);
        Assert.Contains("The database is up to date (PostgreSQL (HEADWATER_POSTGRES)).", again.Output, StringComparison.Ordinal);
        CliHarness.AssertNoSecrets(cli.AllOutput, "Password=headwater");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
