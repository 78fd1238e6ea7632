using System.Collections.Concurrent;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination
{
    /// <summary>The DNs entries had before this destination moved or renamed them in this run. OpenLDAP's refint
    /// overlay rewrites the member values naming a moved entry in a thread of its own, after the ModifyDN has
    /// answered, so a group changed right after the move may still name the entry by one of these.</summary>
    private readonly ConcurrentDictionary<string, string[]> _formerDns = new(StringComparer.OrdinalIgnoreCase);

    private void Moved(string id, string from, string to)
    {
        _formerDns.AddOrUpdate(id, [from], (_, former) => [.. former, from]);
        _dns[id] = to;
    }

    /// <summary>The DNs the entry with this id had before this run moved it; none when it did not.</summary>
    internal IReadOnlyList<string> FormerDns(string id) => _formerDns.TryGetValue(id, out var former) ? former : [];
}
