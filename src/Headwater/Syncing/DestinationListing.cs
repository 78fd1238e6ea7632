using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Syncing;

/// <summary>Every account a destination holds, read once and indexed by id, externalId and userName (ignoring case),
/// for recovering a large interrupted run without a lookup per change.</summary>
public sealed class DestinationListing
{
    private readonly Dictionary<string, DestinationAccount> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(AccountKey, string), DestinationAccount> _byKey = [];

    public static async Task<DestinationListing> Read(IAccountReader reader, CancellationToken cancellationToken)
    {
        var listing = new DestinationListing();
        await foreach (var account in reader.ListAccounts(cancellationToken))
        {
            listing._byId[account.Id] = account;
            listing.Add(AccountKey.ExternalId, account.ExternalId, account);
            listing.Add(AccountKey.UserName, account.UserName, account);
            listing.Add(AccountKey.Email, account.Email, account);
        }
        return listing;
    }

    public DestinationAccount? ById(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    /// <summary>The account a create would have made, by the keys it was written with (see <see cref="CreateKeys"/>).</summary>
    public DestinationAccount? Created(IReadOnlyList<AttributeChange> attributes, IReadOnlyList<MatchKey> keys) =>
        CreateKeys(attributes, keys).Select(k => _byKey.GetValueOrDefault((k.Key, k.Value.Trim().ToUpperInvariant()))).FirstOrDefault(a => a is not null);

    /// <summary>The keys a create's account can be found by, in the policy's order: its externalId and userName as written.</summary>
    public static IEnumerable<(AccountKey Key, string Value)> CreateKeys(IReadOnlyList<AttributeChange> attributes, IReadOnlyList<MatchKey> keys)
    {
        foreach (var key in keys.Where(k => k.Key is AccountKey.ExternalId or AccountKey.UserName))
        {
            if (attributes.FirstOrDefault(a => string.Equals(a.Name, key.Target, StringComparison.OrdinalIgnoreCase))?.New is { Length: > 0 } value)
            {
                yield return (key.Key, value);
            }
        }
    }

    private void Add(AccountKey key, string? value, DestinationAccount account)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _byKey.TryAdd((key, value.Trim().ToUpperInvariant()), account);
        }
    }
}
