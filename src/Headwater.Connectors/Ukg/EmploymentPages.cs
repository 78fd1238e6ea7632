using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// A paged employment read that fails when one employment (employee ID and company ID, compared as the join compares
/// them) comes back on two different pages: the tenant's pages overlap, so rows are shifted or repeated and others
/// may be missing. The same key twice within one page is the tenant's data, not paging: the join keeps the latest row
/// and records an issue. A multi-company employee has one row per company, so different keys. Only keys are kept.
/// </summary>
internal static class EmploymentPages
{
    public static async IAsyncEnumerable<EmploymentRecord> Read(UkgClient client, string path, int perPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var firstPage = new Dictionary<(string EmployeeId, string CompanyId), int>(KeyComparer.Instance);
        var page = 0;
        await foreach (var rows in client.Pages(path, UkgJsonContext.Default.ListEmploymentRecord, perPage, cancellationToken))
        {
            page++;
            foreach (var row in rows)
            {
                if (row.EmployeeId is { } employee)
                {
                    var key = (employee, row.CompanyId ?? "");
                    ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(firstPage, key, out var exists);
                    if (!exists)
                    {
                        seen = page;
                    }
                    else if (seen != page)
                    {
                        throw new UkgPagingException(path, page, $"employee {employee.Trim()} of company {row.CompanyId?.Trim()} " +
                            $"was on page {seen} already (the pages overlap)");
                    }
                }
                yield return row;
            }
        }
    }

    /// <summary>Trimmed, case ignored, without building new strings.</summary>
    private sealed class KeyComparer : IEqualityComparer<(string EmployeeId, string CompanyId)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string EmployeeId, string CompanyId) x, (string EmployeeId, string CompanyId) y) =>
            Same(x.EmployeeId, y.EmployeeId) && Same(x.CompanyId, y.CompanyId);

        public int GetHashCode((string EmployeeId, string CompanyId) key) => HashCode.Combine(
            string.GetHashCode(key.EmployeeId.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase),
            string.GetHashCode(key.CompanyId.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase));

        private static bool Same(string x, string y) => x.AsSpan().Trim().Equals(y.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
