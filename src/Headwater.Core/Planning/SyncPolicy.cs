namespace Headwater.Core.Planning;

public enum CreateWhen
{
    /// <summary>As soon as the worker appears in UKG, even before their start date.</summary>
    Appears,
    /// <summary>On the hire date, or <see cref="SyncPolicy.DaysBeforeHire"/> days before it.</summary>
    HireDate,
}

public enum NewAccountState
{
    Active,
    /// <summary>Created inactive and activated on the start date.</summary>
    PendingUntilStart,
}

public enum LeavePolicy { KeepActive, Deactivate }

public enum OutOfScopePolicy { Deactivate, Ignore }

/// <summary>When access ends for a worker whose termination is dated today.</summary>
public enum TerminationToday
{
    /// <summary>As soon as the termination is recorded: the account is deactivated by the next sync.</summary>
    AtOnce,
    /// <summary>When the termination day is over: the account stays active until then.</summary>
    EndOfDay,
}

public enum AccountKey { ExternalId, UserName, Email }

/// <summary>How an existing destination account is matched to a worker on the first sync: the account's key
/// against the worker's mapped value for <see cref="Target"/>.</summary>
public sealed record MatchKey(AccountKey Key, string Target);

/// <summary>The lifecycle rules of one destination: when to create, what leave and termination do, and how
/// existing accounts are matched.</summary>
public sealed record SyncPolicy
{
    public CreateWhen CreateWhen { get; init; } = CreateWhen.HireDate;
    public int DaysBeforeHire { get; init; }
    public NewAccountState NewAccounts { get; init; } = NewAccountState.Active;
    public LeavePolicy Leave { get; init; } = LeavePolicy.KeepActive;
    public LeavePolicy Suspension { get; init; } = LeavePolicy.KeepActive;

    /// <summary>When a termination dated today ends access. Either way, no account is created for the worker.</summary>
    public TerminationToday TerminationToday { get; init; } = TerminationToday.AtOnce;

    /// <summary>Delete a deactivated account this long after its deactivation; null never deletes. A rehire
    /// before then reactivates the same account instead.</summary>
    public TimeSpan? DeleteAfter { get; init; }

    public OutOfScopePolicy OutOfScope { get; init; } = OutOfScopePolicy.Deactivate;

    /// <summary>The keys existing accounts are matched on, in order; each destination kind gives its own default
    /// (SCIM: externalId, then the work email, then userName). Empty: nothing is adopted.</summary>
    public IReadOnlyList<MatchKey> MatchBy { get; init; } = [];
}
