using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Headwater.Data;

/// <summary>
/// Where state lives. SQLite by default: <c>headwater.db</c> in the data directory (HEADWATER_DATA_DIR, else
/// ~/.local/share/headwater), created and migrated on first use. PostgreSQL when HEADWATER_POSTGRES holds a
/// connection string; its schema is created and upgraded only by <c>headwater migrate</c>.
/// </summary>
public sealed record DataOptions(string DataDirectory, string? PostgresConnectionString)
{
    public static DataOptions FromEnvironment(Func<string, string?> environment)
    {
        var directory = environment("HEADWATER_DATA_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "headwater");
        return new DataOptions(Path.GetFullPath(directory), environment("HEADWATER_POSTGRES") is { Length: > 0 } pg ? pg : null);
    }

    public string SqlitePath => Path.Combine(DataDirectory, "headwater.db");

    public string Describe() => PostgresConnectionString is null ? $"SQLite at {SqlitePath}" : "PostgreSQL (HEADWATER_POSTGRES)";
}

public static class DataServices
{
    public static IServiceCollection AddHeadwaterData(this IServiceCollection services, DataOptions options)
    {
        services.AddSingleton(options);
        if (options.PostgresConnectionString is { } connectionString)
        {
            CheckConnectionString(connectionString);
            services.AddDbContext<HeadwaterDb, PostgresHeadwaterDb>(db => db.UseNpgsql(connectionString));
        }
        else
        {
            PrivateFiles.Prepare(options.DataDirectory, options.SqlitePath);
            services.AddDbContext<HeadwaterDb, SqliteHeadwaterDb>(db => db.UseSqlite($"Data Source={options.SqlitePath}")
                .AddInterceptors(new PrivateDatabaseFile(options.SqlitePath)));
        }
        return services;
    }

    private static void CheckConnectionString(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Not the parser's message: it may quote the text, which holds the password.
            throw new StateStoreException("HEADWATER_POSTGRES (or data.postgres) is not a PostgreSQL connection string; " +
                "write Host=…;Database=…;Username=…;Password=… (https://www.npgsql.org/doc/connection-string-parameters.html).");
        }
    }
}

/// <summary>The state store cannot be used as configured.</summary>
public sealed class StateStoreException(string message) : Exception(message);

/// <summary>Lets the EF tools build each provider's context to create migrations (no database is contacted).</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteHeadwaterDb>
{
    public SqliteHeadwaterDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHeadwaterDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresHeadwaterDb>
{
    public PostgresHeadwaterDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHeadwaterDb>().UseNpgsql("Host=localhost;Database=headwater").Options);
}
