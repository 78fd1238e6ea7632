using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Ui;

/// <summary>The display names of the workers a page shows, in one query (the page's rows only, never every worker).</summary>
public static class WorkerNames
{
    /// <param name="db">Scoped to the integration already.</param>
    /// <param name="ids">The workers' employee IDs.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(HeadwaterDb db, IEnumerable<string> ids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        return await db.Workers.AsNoTracking().Where(w => wanted.Contains(w.Id))
            .ToDictionaryAsync(w => w.Id, w => w.DisplayName, StringComparer.Ordinal, cancellationToken);
    }
}
