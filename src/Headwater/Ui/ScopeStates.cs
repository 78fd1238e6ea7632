using Headwater.Data;

namespace Headwater.Ui;

/// <summary>The current workers in scope of any of an integration's destinations, counted by lifecycle state: the
/// integration page's chart. Counted on the kept <see cref="WorkerColumns"/>, so it costs no read of every worker.</summary>
public static class ScopeStates
{
    public static async Task<IReadOnlyList<(string State, int Count)>> CountAsync(HeadwaterDb db, WorkerColumnsCache columns,
        Configuration.Integration integration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(integration);
        var stored = await columns.GetAsync(db, cancellationToken);
        var inside = new bool[stored.Count];
        foreach (var destination in integration.Destinations)
        {
            var verdicts = stored.Verdicts(destination.Scope).In;
            for (var i = 0; i < inside.Length; i++)
            {
                inside[i] |= verdicts[i];
            }
        }
        return [.. Enumerable.Range(0, stored.Count).Where(i => inside[i]).GroupBy(i => stored.States[i], StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal)];
    }
}
