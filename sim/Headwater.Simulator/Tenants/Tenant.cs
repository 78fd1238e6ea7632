using System.Collections.Concurrent;

namespace Headwater.Simulator.Tenants;

/// <summary>
/// A UKG Pro tenant held in memory: configuration, service accounts and one row per employee per company.
/// Rows are immutable and kept in a stable order (the generated order, then hires in the order they happen), so a
/// paged read is deterministic. HR events (see Tenant.Events.cs) replace rows under a lock; readers take a
/// <see cref="Snapshot"/> without locking.
/// </summary>
public sealed partial class Tenant
{
    private readonly Lock _gate = new();
    private EmployeeRow[] _rows;
    private int _count;
    private readonly ConcurrentDictionary<string, int[]> _rowsByEmployee = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Job> _jobs;
    private readonly Dictionary<string, Company> _companies;
    private readonly Dictionary<string, List<JobHistoryEntry>> _jobHistory = new(StringComparer.OrdinalIgnoreCase);
    private readonly PriorityQueue<string, DateTime> _dueTerminations = new();

    public Tenant(
        TenantSettings settings, IEnumerable<Company> companies, IEnumerable<OrgLevel> orgLevels,
        IEnumerable<Location> locations, IEnumerable<Job> jobs, IEnumerable<Role> roles, IEnumerable<EmployeeRow> rows,
        TimeProvider time)
    {
        Settings = settings;
        Time = time;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        Companies = [.. companies];
        OrgLevels = [.. orgLevels];
        Locations = [.. locations];
        Jobs = [.. jobs];
        _jobs = Jobs.ToDictionary(j => j.JobCode, StringComparer.OrdinalIgnoreCase);
        _companies = Companies.ToDictionary(c => c.CompanyId, StringComparer.OrdinalIgnoreCase);
        Roles = [.. roles];
        _rows = [.. rows];
        _count = _rows.Length;
        for (var i = 0; i < _count; i++)
        {
            Index(i, _rows[i]);
            ScheduleIfFutureTermination(_rows[i]);
        }
        CreatedAt = time.GetUtcNow().UtcDateTime;
    }

    public TenantSettings Settings { get; }
    public TimeProvider Time { get; }
    public TimeZoneInfo TimeZone { get; }
    /// <summary>When the simulator loaded the tenant: the change feed's first cursor.</summary>
    public DateTime CreatedAt { get; }
    public IReadOnlyList<Company> Companies { get; }
    public IReadOnlyList<OrgLevel> OrgLevels { get; }
    public IReadOnlyList<Location> Locations { get; }
    public IReadOnlyList<Job> Jobs { get; }
    public IReadOnlyList<Role> Roles { get; }

    public int RowCount => Volatile.Read(ref _count);

    /// <summary>The current rows. Later events replace rows in place and add rows beyond the snapshot's count; each
    /// row is an immutable record, so a reader may see a row before or after an event, never half of one.</summary>
    public ReadOnlyMemory<EmployeeRow> Snapshot()
    {
        ApplyDueEvents();
        lock (_gate)
        {
            return _rows.AsMemory(0, _count);
        }
    }

    /// <summary>The rows of one employee (one per company), home company first.</summary>
    public IReadOnlyList<EmployeeRow> RowsOf(string employeeId)
    {
        ApplyDueEvents();
        return _rowsByEmployee.TryGetValue(employeeId, out var indexes)
            ? [.. indexes.Select(i => Volatile.Read(ref _rows)[i]).OrderByDescending(r => r.IsHomeCompany)]
            : [];
    }

    /// <summary>The employee's home-company row, without allocating: the supervisor look-up on every served row.</summary>
    public EmployeeRow? HomeRowOf(string? employeeId)
    {
        if (employeeId is null || !_rowsByEmployee.TryGetValue(employeeId, out var indexes))
        {
            return null;
        }
        var rows = Volatile.Read(ref _rows);
        foreach (var i in indexes)
        {
            if (rows[i].IsHomeCompany)
            {
                return rows[i];
            }
        }
        return rows[indexes[0]];
    }

    public IReadOnlyList<JobHistoryEntry> JobHistoryOf(EmployeeRow row)
    {
        lock (_gate)
        {
            return _jobHistory.TryGetValue(HistoryKey(row), out var entries) ? [.. entries] : [HireEntry(row)];
        }
    }

    public Company? FindCompany(string? companyId) => companyId is not null && _companies.TryGetValue(companyId, out var company) ? company : null;

    public Job? FindJob(string? jobCode) => jobCode is not null && _jobs.TryGetValue(jobCode, out var job) ? job : null;

    public Role? FindRole(int roleId) => Roles.FirstOrDefault(r => r.RoleId == roleId);

    public ServiceAccount? FindAccount(string userName) =>
        Settings.Accounts.FirstOrDefault(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Now in the tenant's time zone, without offset, as UKG writes its date-times.</summary>
    public DateTime LocalNow() => TimeZoneInfo.ConvertTimeFromUtc(Time.GetUtcNow().UtcDateTime, TimeZone);

    public DateOnly Today() => DateOnly.FromDateTime(LocalNow());

    private static string HistoryKey(EmployeeRow row) => row.EmployeeId + "|" + row.CompanyId;

    private static JobHistoryEntry HireEntry(EmployeeRow row) => new(
        DeterministicGuid(row.EmployeeId + row.CompanyId + "hire"), row, row.LastHireDate,
        row.DateTimeCreated, "HIRE", IsJobChange: true, IsOrgChange: true, IsTransfer: false, IsPromotion: false);

    internal static Guid DeterministicGuid(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text), hash);
        return new Guid(hash[..16]);
    }

    private void Index(int index, EmployeeRow row) =>
        _rowsByEmployee.AddOrUpdate(row.EmployeeId, [index], (_, existing) => [.. existing, index]);
}

/// <summary>Tenant-wide settings: the customer API key, service accounts and time zone.</summary>
public sealed record TenantSettings(string CustomerApiKey, IReadOnlyList<ServiceAccount> Accounts, string TimeZone);
