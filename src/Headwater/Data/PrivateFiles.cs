namespace Headwater.Data;

/// <summary>
/// The data directory holds personal data (names, emails, managers), so on Unix only its owner may read it: the
/// directory is created 0700 and the database file 0600 before SQLite opens it. SQLite gives its -wal and -shm
/// files the database file's mode, so they follow.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    public static void Prepare(string directory, string database)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory); // protected by the profile's ACLs
            return;
        }
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
        if (!File.Exists(database))
        {
            try
            {
                // An empty file is a new database to SQLite; creating it here is what sets its mode.
                using var _ = new FileStream(database, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            }
            catch (IOException) when (File.Exists(database))
            {
                // Another process created it first; its mode is set below.
            }
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
}
