using Microsoft.Extensions.Options;
using Npgsql;

namespace Headwater.Data;

/// <summary>
/// Checks <see cref="DataOptions"/> when services are built (<c>ValidateOnStart</c>), so a bad value stops a command
/// at once, with every problem named, rather than at its first query. For SQLite the data directory is created here,
/// owner-only, as the only sure test that it can be.
/// </summary>
internal sealed class DataOptionsValidation : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = options.PostgresConnectionString is { } connectionString
            ? PostgresProblem(connectionString)
            : DirectoryProblem(options);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private static string? PostgresProblem(string connectionString)
    {
        const string Hint = "write Host=…;Database=…;Username=…;Password=… (https://www.npgsql.org/doc/connection-string-parameters.html).";
        try
        {
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host)
                ? $"{DataOptions.PostgresVariable} (or data.postgres) names no Host; {Hint}"
                : null;
        }
        catch (ArgumentException)
        {
            // Not the parser's message: it may quote the text, which holds the password.
            return $"{DataOptions.PostgresVariable} (or data.postgres) is not a PostgreSQL connection string; {Hint}";
        }
    }

    private static string? DirectoryProblem(DataOptions options)
    {
        var directory = options.DataDirectory;
        try
        {
            PrivateFiles.Prepare(directory, options.SqlitePath);
            // Creating a file is the only check that holds for ACLs, read-only mounts and root alike.
            using var probe = new FileStream(Path.Combine(directory, $".headwater-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew,
                FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{DataOptions.DataDirectoryVariable} (or data.dataDirectory) '{directory}' cannot hold the SQLite database: " +
                $"{e.Message} Set it to a directory Headwater may create and write to.";
        }
    }
}
