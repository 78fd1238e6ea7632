using System.Collections.Concurrent;
using Headwater.Data;

namespace Headwater.Ui;

/// <summary>
/// The latest <see cref="WorkerColumns"/> of each integration, for the Policy page: built when the service starts
/// (<see cref="WorkerColumnsAtStart"/>), again after each run's read, and on use if a read has changed the stored workers
/// since (<see cref="WorkerColumnsVersion"/>). One is built at a time, so two pages asking at once share the build and
/// memory holds at most one build besides the columns kept. Beside them, the accounts of each destination whose Save…
/// was asked for, by owner and state (<see cref="OwnersAsync"/>).
/// </summary>
public sealed class WorkerColumnsCache : IDisposable
{
    private readonly ConcurrentDictionary<int, WorkerColumns> _latest = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly ConcurrentDictionary<(int Integration, string Destination), (AccountsVersion Version, AccountOwners Owners)>
        _owners = new();

    /// <summary>The columns of <paramref name="db"/>'s integration if those kept are as stored now; else null (none are built).</summary>
    public async Task<WorkerColumns?> KeptAsync(HeadwaterDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _latest.TryGetValue(db.IntegrationId, out var kept) && kept.Version == await WorkerColumnsVersion.OfAsync(db, cancellationToken)
            ? kept : null;
    }

    /// <summary>The columns of <paramref name="db"/>'s integration as stored now.</summary>
    public async Task<WorkerColumns> GetAsync(HeadwaterDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await WorkerColumnsVersion.OfAsync(db, cancellationToken);
        if (_latest.TryGetValue(db.IntegrationId, out var kept) && kept.Version == version)
        {
            return kept;
        }
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_latest.TryGetValue(db.IntegrationId, out kept) && kept.Version == version)
            {
                return kept;
            }
            // The old columns go first: they are garbage before the new ones take their memory.
            _latest.TryRemove(db.IntegrationId, out _);
            var built = await WorkerColumns.BuildAsync(db, version, cancellationToken);
            _latest[db.IntegrationId] = built;
            return built;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Builds <paramref name="db"/>'s integration's columns again if a read has changed the stored workers since
    /// (or none are kept), and the kept accounts of its destinations.</summary>
    public async Task RefreshAsync(HeadwaterDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await GetAsync(db, cancellationToken);
        foreach (var destination in _owners.Keys.Where(k => k.Integration == db.IntegrationId).Select(k => k.Destination))
        {
            await OwnersAsync(db, destination, cancellationToken);
        }
    }

    /// <summary>Every account of <paramref name="destination"/> in <paramref name="db"/>'s integration, by owner and state
    /// (<see cref="SaveAccounts.ReadOwnersAsync"/>): those kept if no run may have changed them since
    /// (<see cref="AccountsVersion"/>), else read, and kept unless a run is going. Not to be changed.</summary>
    internal async Task<AccountOwners> OwnersAsync(HeadwaterDb db, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = (db.IntegrationId, destination);
        var version = await AccountsVersion.OfAsync(db, destination, cancellationToken);
        if (version is not null && _owners.TryGetValue(key, out var kept) && kept.Version == version)
        {
            return kept.Owners;
        }
        var owners = new AccountOwners(await SaveAccounts.ReadOwnersAsync(db, destination, cancellationToken));
        if (version is { } read)
        {
            _owners[key] = (read, owners);
        }
        else
        {
            _owners.TryRemove(key, out _);
        }
        return owners;
    }

    public void Dispose() => _building.Dispose();
}
