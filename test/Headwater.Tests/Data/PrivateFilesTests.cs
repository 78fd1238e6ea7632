using Headwater.Configuration;
using Headwater.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Data;

/// <summary>The SQLite state holds personal data: only its owner may read the directory and the files.</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "headwater-private-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_new_data_directory_is_0700_and_the_database_and_its_wal_files_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only
        }
        var directory = Path.Combine(_root, "data");
        var options = new DataOptions(directory, null);

        await using (var services = new ServiceCollection().AddHeadwaterData(options).BuildServiceProvider())
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            await db.MigrateAsync();
            db.Workers.Add(new WorkerRecord
            {
                Id = "E1", EmployeeNumber = "1", DisplayName = "A", State = "Active", Fields = "{}", Issues = "[]", ContentHash = "h", Source = "{}",
            });
            await db.SaveChangesAsync();

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            foreach (var file in Directory.GetFiles(directory))
            {
                var mode = File.GetUnixFileMode(file);
                Assert.True(mode == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file}: {mode}");
            }
            Assert.Contains(Directory.GetFiles(directory), f => f.EndsWith("-wal", StringComparison.Ordinal));
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void A_database_left_readable_by_others_is_made_private()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only
        }
        var options = new DataOptions(_root, null);
        Directory.CreateDirectory(_root);
        File.WriteAllBytes(options.SqlitePath, []);
        File.SetUnixFileMode(options.SqlitePath,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var _ = new ServiceCollection().AddHeadwaterData(options).BuildServiceProvider().Validated();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.SqlitePath));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
