using System.Security.Cryptography;
using System.Text;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

/// <summary>
/// One sync of a destination at a time, across processes and machines: with SQLite, an exclusive lock file beside the
/// database; with PostgreSQL, a session advisory lock. Both are released when the holder ends, even if it is killed,
/// so a run left "running" by a dead process is known to be interrupted once the lock is taken.
/// </summary>
public sealed class DestinationLock : IAsyncDisposable
{
    private readonly FileStream? _file;
    private readonly HeadwaterDb? _db;
    private readonly long _key;

    private DestinationLock(FileStream? file, HeadwaterDb? db, long key)
    {
        _file = file;
        _db = db;
        _key = key;
    }

    /// <exception cref="SyncException">Another sync of the destination holds the lock.</exception>
    public static async Task<DestinationLock> Acquire(HeadwaterDb db, string destination, CancellationToken cancellationToken)
    {
        // Each integration's destinations are its own: two integrations may both name one "scim".
        var name = db.IntegrationId == 0 ? destination : $"{db.IntegrationId}:{destination}";
        var busy = $"Another sync of '{destination}' is running; wait for it to finish (headwater runs shows it).";
        if (db.Database.IsNpgsql())
        {
            var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("headwater-sync:" + name)));
            await db.Database.OpenConnectionAsync(cancellationToken);
            var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(cancellationToken);
            return taken ? new DestinationLock(null, db, key) : throw new SyncException(FailureCause.Busy, busy);
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(db.Database.GetDbConnection().DataSource))!;
        var path = Path.Combine(directory, $"sync-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16]}.lock");
        try
        {
            // Private like the database beside it (owner read and write only).
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            return new DestinationLock(new FileStream(path, options), null, 0);
        }
        catch (IOException)
        {
            throw new SyncException(FailureCause.Busy, busy);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
        if (_db is not null)
        {
            await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({_key})");
            await _db.Database.CloseConnectionAsync();
        }
    }
}
