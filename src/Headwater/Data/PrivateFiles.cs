using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Headwater.Data;

/// <summary>
/// The data directory holds personal data (names, emails, managers), so on Unix only its owner may read it: the
/// directory is created 0700 and the database file 0600 as SQLite first opens it. SQLite gives its -wal and -shm
/// files the database file's mode, so they follow.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Creates the directory, and tightens a database (and its -wal and -shm files) left readable by others.</summary>
    public static void Prepare(string directory, string database)
    {
        CreateDirectory(directory);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        // A database created by an earlier version (0644) is tightened, with its -wal and -shm files.
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(file, OwnerOnly);
            }
        }
    }

    /// <summary>Creates the directory, owner-only, if it does not exist.</summary>
    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory); // protected by the profile's ACLs
        }
        else if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
    }

    /// <summary>Creates the database file, owner-only, if it does not exist: called as a connection opens, so the
    /// database still does not exist until first used.</summary>
    public static void CreateDatabase(string database)
    {
        if (!OperatingSystem.IsWindows() && !File.Exists(database))
        {
            try
            {
                // An empty file is a new database to SQLite; creating it here is what sets its mode.
                using var _ = new FileStream(database,
                    new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            }
            catch (IOException) when (File.Exists(database))
            {
                // Another process created it first, the same way.
            }
        }
    }
}

/// <summary>Creates the SQLite database file owner-only before a connection opens it (SQLite would create it 0644).</summary>
internal sealed class PrivateDatabaseFile(string database) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Create(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Create(connection);
        return ValueTask.FromResult(result);
    }

    private void Create(DbConnection connection)
    {
        // EF probes whether the database exists by opening it read-only; that must not create it.
        if (new SqliteConnectionStringBuilder(connection.ConnectionString).Mode != SqliteOpenMode.ReadOnly)
        {
            PrivateFiles.CreateDatabase(database);
        }
    }
}
