using Headwater.Core.Planning;

namespace Headwater.Core.Destinations;

/// <summary>
/// A system Headwater keeps in step with UKG. On its own it only has a name: what it can do is the capabilities it
/// implements (<see cref="IAccountReader"/>, <see cref="IAccountWriter"/>, <see cref="IGroupWriter"/>,
/// <see cref="IRunReceiver"/>), and the engine asks for a capability, never for a kind of destination.
/// </summary>
public interface IDestination
{
    string Name { get; }
}

/// <summary>Reads the accounts a destination holds: to adopt existing accounts on a first sync, to see drift on a
/// reconcile, and to find an account after an interrupted run.</summary>
public interface IAccountReader : IDestination
{
    /// <summary>Every account the destination holds (paged underneath). Throws <see cref="DestinationException"/>
    /// when the list cannot be read in full: a partial list is never taken for the whole.</summary>
    IAsyncEnumerable<DestinationAccount> ListAccounts(CancellationToken cancellationToken = default);

    /// <summary>The account whose <paramref name="key"/> equals <paramref name="value"/>, ignoring case; null when
    /// there is none.</summary>
    Task<DestinationAccount?> Find(AccountKey key, string value, CancellationToken cancellationToken = default);
}

/// <summary>Writes account changes one at a time.</summary>
public interface IAccountWriter : IDestination
{
    /// <summary>Applies one change. <paramref name="managerAccountId"/> is the manager's account id here, if any.
    /// Never throws for a rejected record: the failure is returned, so one bad record does not stop a run.</summary>
    Task<ChangeResult> Apply(PlannedChange change, string? managerAccountId, CancellationToken cancellationToken = default);
}

/// <summary>
/// A destination that addresses an account by where it lives (an LDAP entry's DN) as well as by its id. The location
/// it returns with a change or a listed account is recorded with the account and given back before the next run
/// applies anything, so a change goes straight to the account rather than searching for it first. A location is only
/// a hint: the destination makes sure the account there is still the one with that id, and searches when it is not.
/// </summary>
public interface IAccountLocations : IDestination
{
    /// <summary>Where accounts were last seen, by account id.</summary>
    void Remember(IEnumerable<KeyValuePair<string, string>> locations);
}

/// <summary>
/// A destination that looks at a run's changes before the first is applied, to ask once for what many of them need
/// to know (a directory: which of the new accounts' candidate values some entry holds) rather than once per change.
/// </summary>
public interface IChangePreparation : IDestination
{
    /// <summary>Called with the run's changes, in the order they are applied, before any of them is. It may return once
    /// the first are prepared and go on with the others while those are applied, each change waiting for its own
    /// preparation. A preparation that cannot be made is not an error: each change then finds out for itself.</summary>
    Task Prepare(IReadOnlyList<PlannedChange> changes, CancellationToken cancellationToken = default);
}
