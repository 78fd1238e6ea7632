using Microsoft.EntityFrameworkCore;

namespace Headwater.Data;

/// <summary>How workers are found by what people type: the CLI's <c>workers</c> and <c>why</c> and the service's
/// workers endpoints ask the same way.</summary>
public static class WorkerQueries
{
    /// <summary>Workers whose name, email, employee ID or number contains <paramref name="text"/>, in any case.</summary>
    /// <param name="workers">The workers to search (already scoped to an integration).</param>
    /// <param name="text">What to look for; empty matches everyone.</param>
    public static IQueryable<WorkerRecord> Search(this IQueryable<WorkerRecord> workers, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return workers;
        }
        // Lower-cased on both sides: LIKE ignores case in SQLite but not in PostgreSQL. The column side is SQL's
        // lower(), which EF translates from ToLower() only; no .NET culture is involved.
        var pattern = $"%{text.ToLowerInvariant()}%";
#pragma warning disable CA1304, CA1311
        return workers.Where(w => EF.Functions.Like(w.DisplayName.ToLower(), pattern)
            || EF.Functions.Like((w.Email ?? "").ToLower(), pattern)
            || EF.Functions.Like(w.Id.ToLower(), pattern)
            || EF.Functions.Like(w.EmployeeNumber.ToLower(), pattern));
#pragma warning restore CA1304, CA1311
    }

    /// <summary>The worker with this employee ID or employee number, in any case; null when none was read.</summary>
    /// <param name="workers">The workers to look in (already scoped to an integration).</param>
    /// <param name="id">An employee ID or number.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    public static Task<WorkerRecord?> FindByIdOrNumberAsync(this IQueryable<WorkerRecord> workers, string id,
        CancellationToken cancellationToken)
    {
        var wanted = id.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL upper(); no .NET culture is involved
        return workers.AsNoTracking()
            .FirstOrDefaultAsync(w => w.Id.ToUpper() == wanted || w.EmployeeNumber.ToUpper() == wanted, cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }
}
