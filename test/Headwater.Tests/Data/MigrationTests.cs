using Headwater.Data;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Data;

/// <summary>Each provider's migrations create its schema from nothing and match the model exactly.</summary>
public abstract class MigrationTests
{
    protected abstract StateStore CreateStore();

    protected abstract Type ExpectedContext { get; }

    [Fact]
    public async Task A_fresh_database_is_created_and_every_migration_applied_on_first_use()
    {
        await using var store = CreateStore();
        await using var services = new ServiceCollection().AddHeadwaterData(store.Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        Assert.IsType(ExpectedContext, db);
        Assert.False(await db.Database.CanConnectAsync(), "The database should not exist before first use.");

        await db.Database.MigrateAsync();

        Assert.True(await db.Database.CanConnectAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Workers.CountAsync());
        Assert.Equal(0, await db.ReadRuns.CountAsync());
    }

    [Fact]
    public async Task Migrating_a_database_that_is_up_to_date_changes_nothing()
    {
        await using var store = CreateStore();
        await using var services = new ServiceCollection().AddHeadwaterData(store.Options).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HeadwaterDb>().Database.MigrateAsync();
        }
        await using var again = services.CreateAsyncScope();
        var db = again.ServiceProvider.GetRequiredService<HeadwaterDb>();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task The_model_has_no_changes_that_a_migration_does_not_cover()
    {
        await using var store = CreateStore();
        await using var services = new ServiceCollection().AddHeadwaterData(store.Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {db.GetType().Name} model differs from its migrations' snapshot: add a migration for it (see Data/Migrations).");
    }
}

public sealed class SqliteMigrationTests : MigrationTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();

    protected override Type ExpectedContext => typeof(SqliteHeadwaterDb);

    [Fact]
    public async Task The_SQLite_file_is_created_in_a_new_data_directory()
    {
        await using var store = CreateStore();
        Assert.False(Directory.Exists(store.Options.DataDirectory));
        await using var services = new ServiceCollection().AddHeadwaterData(store.Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<HeadwaterDb>().Database.MigrateAsync();

        Assert.True(File.Exists(store.Options.SqlitePath));
        Assert.Equal(Path.Combine(store.Options.DataDirectory, "headwater.db"), store.Options.SqlitePath);
    }
}

public sealed class PostgresMigrationTests : MigrationTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();

    protected override Type ExpectedContext => typeof(PostgresHeadwaterDb);

    [Fact]
    public async Task A_database_behind_the_newest_migration_is_refused_with_what_migrate_would_apply()
    {
        await using var store = CreateStore();
        await using var services = new ServiceCollection().AddHeadwaterData(store.Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var all = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(all[^2]);

        var refused = await Assert.ThrowsAsync<StateStoreException>(() => db.PrepareAsync());

        Assert.Equal($"The PostgreSQL database needs 1 schema change (newest: {all[^1]}). Run `headwater migrate` to apply it.",
            refused.Message);
        Assert.Equal([all[^1]], await db.MigrateAsync());
        await db.PrepareAsync();
    }
}
