using Headwater.Core.Destinations;
using Headwater.Core.Planning;
using Headwater.Data;

namespace Headwater.Syncing;

/// <summary>
/// Keeps Headwater's record of a destination's accounts in step with what was applied: a create or an adoption
/// makes the account managed, updates fold in the new values, a deactivation notes when, a delete removes it.
/// Only a change the destination confirmed is recorded; a failed one leaves the record as it was, so the next
/// plan proposes it again.
/// </summary>
public sealed class AccountLedger(string destination, SyncPolicy policy)
{
    /// <summary>The record after the change; null when the account is gone.</summary>
    public AccountRecord? After(AccountRecord? before, PlannedChange change, ChangeResult result, string? linkedManager, DateTimeOffset now)
    {
        if (change.Kind == ChangeKind.Delete)
        {
            return null;
        }
        var record = before ?? new AccountRecord
        {
            Destination = destination,
            AccountId = result.AccountId ?? change.AccountId!,
            Ownership = nameof(Ownership.Created),
            Values = "{}",
            CreatedAt = now,
        };
        if (record.WorkerId is null || record.Ownership == nameof(Ownership.Unmanaged))
        {
            record.Ownership = change.Kind == ChangeKind.Create ? nameof(Ownership.Created) : nameof(Ownership.Adopted);
        }
        record.WorkerId = change.WorkerId;
        var values = before is null ? [] : StoredState.Values(before);
        foreach (var attribute in change.Attributes.Where(a => !a.Name.Equals("manager", StringComparison.OrdinalIgnoreCase)))
        {
            values[attribute.Name] = attribute.New;
        }
        foreach (var (target, chosen) in result.Values ?? new Dictionary<string, string?>())
        {
            values[target] = chosen;
        }
        record.Values = StoredState.Json(values);
        record.Location = result.Location ?? record.Location;
        if (change.Kind is ChangeKind.Create || change.Attributes.Any(a => a.Name.Equals("manager", StringComparison.OrdinalIgnoreCase)))
        {
            record.ManagerWorkerId = linkedManager;
        }
        record.ExternalId = Key(values, AccountKey.ExternalId) ?? record.ExternalId;
        record.UserName = Key(values, AccountKey.UserName) ?? record.UserName;
        record.Email = Key(values, AccountKey.Email) ?? record.Email;
        var wasActive = before?.Active ?? false;
        record.Active = change.Active;
        if (wasActive && !record.Active || change.Kind == ChangeKind.Deactivate)
        {
            record.DeactivatedAt = now;
        }
        else if (record.Active)
        {
            record.DeactivatedAt = null;
        }
        record.UpdatedAt = now;
        return record;
    }

    /// <summary>A record for an account read from the destination that Headwater does not manage yet.</summary>
    public AccountRecord Listed(DestinationAccount account, DateTimeOffset now) => new()
    {
        Destination = destination,
        AccountId = account.Id,
        Ownership = nameof(Ownership.Unmanaged),
        Active = account.Active,
        Values = StoredState.Json(new Dictionary<string, string?>(account.Attributes)),
        ExternalId = account.ExternalId,
        UserName = account.UserName,
        Email = account.Email,
        Location = account.Location,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private string? Key(Dictionary<string, string?> values, AccountKey key) =>
        policy.MatchBy.FirstOrDefault(m => m.Key == key) is { } match ? values.GetValueOrDefault(match.Target) : null;
}
