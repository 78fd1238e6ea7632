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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
