using Microsoft.Extensions.Configuration;

namespace Headwater.Data;

/// <summary>
/// Where state lives, one of the host's own settings. SQLite by default: <c>headwater.db</c> in the data directory
/// (HEADWATER_DATA_DIR, else ~/.local/share/headwater), created and migrated on first use. PostgreSQL when
/// HEADWATER_POSTGRES holds a connection string; its schema is created and upgraded only by <c>headwater migrate</c>.
/// An integration file's <c>data:</c> section takes precedence over both. <see cref="DataOptionsValidation"/> checks
/// them as services are built.
/// </summary>
public sealed class DataOptions
{
    public const string DataDirectoryVariable = "HEADWATER_DATA_DIR";
    public const string PostgresVariable = "HEADWATER_POSTGRES";
    public const string KeysVariable = "HEADWATER_KEYS";
    public const string KeysCertificateVariable = "HEADWATER_KEYS_CERTIFICATE";
    public const string KeysCertificatePasswordVariable = "HEADWATER_KEYS_CERTIFICATE_PASSWORD";

    public DataOptions()
    {
    }

    public DataOptions(string dataDirectory, string? postgresConnectionString)
    {
        DataDirectory = dataDirectory;
        PostgresConnectionString = postgresConnectionString;
    }

    [ConfigurationKeyName(DataDirectoryVariable)]
    public string DataDirectory { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "headwater");

    /// <summary>A secret: it may hold a password, so it is never printed.</summary>
    [ConfigurationKeyName(PostgresVariable)]
    public string? PostgresConnectionString { get; set; }

    /// <summary>Where the Data Protection key ring that encrypts stored secrets is kept; null: <see cref="KeysPath"/>.</summary>
    [ConfigurationKeyName(KeysVariable)]
    public string? KeysDirectory { get; set; }

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the key ring's keys at rest; null: they are stored as
    /// the file system protects them (owner-only).</summary>
    [ConfigurationKeyName(KeysCertificateVariable)]
    public string? KeysCertificate { get; set; }

    /// <summary>The .pfx file's password, if it has one. A secret: never printed.</summary>
    [ConfigurationKeyName(KeysCertificatePasswordVariable)]
    public string? KeysCertificatePassword { get; set; }

    public string SqlitePath => Path.Combine(DataDirectory, "headwater.db");

    /// <summary>The key ring's directory: <see cref="KeysDirectory"/>, else <c>keys</c> in the data directory.</summary>
    public string KeysPath => Path.GetFullPath(KeysDirectory ?? Path.Combine(DataDirectory, "keys"));

    public string Describe() => PostgresConnectionString is null ? $"SQLite at {SqlitePath}" : $"PostgreSQL ({PostgresVariable})";

    /// <summary>Binds the variables from <paramref name="environment"/>; an empty one counts as unset.</summary>
    /// <param name="environment">The CLI's environment: the process's, or a test's own. It is a lookup, not the
    /// process environment, so it is added as an in-memory source rather than with the environment-variables provider.</param>
    public static DataOptions FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var set = new[] { DataDirectoryVariable, PostgresVariable, KeysVariable, KeysCertificateVariable, KeysCertificatePasswordVariable }
            .Select(name => KeyValuePair.Create(name, environment(name)))
            .Where(variable => !string.IsNullOrEmpty(variable.Value));
        var options = new DataOptions();
        new ConfigurationBuilder().AddInMemoryCollection(set).Build().Bind(options);
        options.DataDirectory = Path.GetFullPath(options.DataDirectory);
        return options;
    }
}
