using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Headwater.Data;

public static class DataServices
{
    /// <summary>The state store: <see cref="DataOptions"/>, checked at start, and <see cref="HeadwaterDb"/> on the
    /// provider they name, with the key ring that encrypts its secrets.</summary>
    public static IServiceCollection AddHeadwaterData(this IServiceCollection services, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddOptions<DataOptions>().Configure(configured =>
        {
            configured.DataDirectory = options.DataDirectory;
            configured.PostgresConnectionString = options.PostgresConnectionString;
            configured.KeysDirectory = options.KeysDirectory;
            configured.KeysCertificate = options.KeysCertificate;
            configured.KeysCertificatePassword = options.KeysCertificatePassword;
        }).ValidateOnStart();
        services.AddHeadwaterDataProtection(options);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataOptions>, DataOptionsValidation>());
        services.AddDbContext<SqliteHeadwaterDb>((provider, db) =>
        {
            var path = Options(provider).SqlitePath;
            db.UseSqlite($"Data Source={path}").AddInterceptors(new PrivateDatabaseFile(path));
        });
        services.AddDbContext<PostgresHeadwaterDb>((provider, db) => db.UseNpgsql(Options(provider).PostgresConnectionString));
        services.AddScoped<HeadwaterDb>(provider => Options(provider).PostgresConnectionString is null
            ? provider.GetRequiredService<SqliteHeadwaterDb>()
            : provider.GetRequiredService<PostgresHeadwaterDb>());
        return services;
    }

    private static DataOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<DataOptions>>().Value;
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
