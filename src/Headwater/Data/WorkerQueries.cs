using Microsoft.EntityFrameworkCore;

namespace Headwater.Data;

/// <summary>How workers are found by what people type: the CLI's <c>workers</c> and <c>why</c> and the service's
/// workers endpoints ask the same way.</summary>
public static class WorkerQueries
{
    /// <summary>Workers whose name or a word of it, email, employee ID or number starts with <paramref name="text"/>, in any
    /// case and with or without accents (<see cref="WorkerSearchTerm"/>).</summary>
    /// <param name="workers">The workers to search (already scoped to an integration).</param>
    /// <param name="db">The context <paramref name="workers"/> come from, for the search terms (scoped alike).</param>
    /// <param name="text">What to look for; empty matches everyone.</param>
    public static IQueryable<WorkerRecord> Search(this IQueryable<WorkerRecord> workers, HeadwaterDb db, string? text)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = WorkerSearchTerm.Normalise(text ?? "");
        if (prefix.Length == 0)
        {
            return workers;
        }
        var found = WorkerSearchTerm.StartingWith(db.WorkerSearchTerms, prefix).Select(t => t.WorkerId);
        return workers.Where(w => found.Contains(w.Id));
    }

    /// <summary>The worker with this employee ID or employee number, in any case; null when none was read.</summary>
    /// <param name="workers">The workers to look in (already scoped to an integration).</param>
    /// <param name="id">An employee ID or number.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    public static async Task<WorkerRecord?> FindByIdOrNumberAsync(this IQueryable<WorkerRecord> workers, string id,
        CancellationToken cancellationToken)
    {
        var exact = id.Trim();
        var wanted = exact.ToUpperInvariant();
        // The ID or number as stored is found through the indexes; any other case only by reading every worker.
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL upper(); no .NET culture is involved
        return await workers.AsNoTracking().FirstOrDefaultAsync(w => w.Id == exact || w.EmployeeNumber == exact, cancellationToken)
            ?? await workers.AsNoTracking()
                .FirstOrDefaultAsync(w => w.Id.ToUpper() == wanted || w.EmployeeNumber.ToUpper() == wanted, cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }
}
