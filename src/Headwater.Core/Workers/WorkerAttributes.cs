using System.Collections.Concurrent;
using System.Globalization;

namespace Headwater.Core.Workers;

/// <summary>
/// A worker flattened to named values: the names a mapping refers to (<c>firstName</c>, <c>primary.jobTitle</c>,
/// <c>primary.orgLevel2.name</c>, <c>lifecycle.state</c>, <c>ukg.person.emailAddress</c>, …), what is stored
/// between reads, and what "which fields changed" compares. Audit timestamps are left out, so a record the source
/// touched without changing anything is not a change.
/// </summary>
public static class WorkerAttributes
{
    /// <summary>The attributes in name order (ordinal): what is stored and hashed.</summary>
    public static SortedDictionary<string, string?> Of(Worker worker) => Fill(worker, new SortedDictionary<string, string?>(StringComparer.Ordinal));

    /// <summary>The same attributes as <see cref="Of"/>, unordered, for looking values up by name (mappings, scope and
    /// group rules): a quarter of the cost of keeping them sorted, which counts when a plan maps every worker.</summary>
    public static Dictionary<string, string?> ForLookup(Worker worker) => Fill(worker, new Dictionary<string, string?>(128, StringComparer.Ordinal));

    /// <summary>As <see cref="ForLookup(Worker)"/>, in place of what <paramref name="attributes"/> held: a caller that
    /// flattens many workers in turn, and keeps none of the dictionaries, needs only one.</summary>
    public static Dictionary<string, string?> ForLookup(Worker worker, Dictionary<string, string?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        attributes.Clear();
        return Fill(worker, attributes);
    }

    /// <summary>The attributes named in <paramref name="names"/> that have a value, as <see cref="Of"/> gives them: for a
    /// few of them per worker, without a dictionary of all of them.</summary>
    public static Dictionary<string, string?> Pick(Worker worker, IReadOnlySet<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var picked = new Dictionary<string, string?>(names.Count, StringComparer.Ordinal);
        Each(worker, new PickSink(names, picked));
        return picked;
    }

    private static TFields Fill<TFields>(Worker worker, TFields fields) where TFields : IDictionary<string, string?>
    {
        Each(worker, new DictionarySink<TFields>(fields));
        return fields;
    }

    /// <summary>Where <see cref="Each{TSink}"/> puts each attribute; a struct, so each kind is compiled on its own.</summary>
    private interface ISink
    {
        void Set(string name, string? value);
    }

    private readonly struct DictionarySink<TFields>(TFields fields) : ISink where TFields : IDictionary<string, string?>
    {
        public void Set(string name, string? value) => fields[name] = value;
    }

    private readonly struct PickSink(IReadOnlySet<string> names, Dictionary<string, string?> picked) : ISink
    {
        public void Set(string name, string? value)
        {
            if (!names.Contains(name))
            {
                return;
            }
            if (value is null)
            {
                picked.Remove(name);
            }
            else
            {
                picked[name] = value;
            }
        }
    }

    /// <summary>Gives every attribute of <paramref name="worker"/> to <paramref name="fields"/>, in one order.</summary>
    private static void Each<TSink>(Worker worker, TSink fields) where TSink : ISink
    {
        ArgumentNullException.ThrowIfNull(worker);
        fields.Set("id", worker.Id);
        fields.Set("employeeNumber", worker.EmployeeNumber);
        fields.Set("personId", worker.PersonId);
        fields.Set("firstName", worker.FirstName);
        fields.Set("middleName", worker.MiddleName);
        fields.Set("lastName", worker.LastName);
        fields.Set("preferredName", worker.PreferredName);
        fields.Set("displayName", worker.DisplayName);
        fields.Set("email", worker.Email);
        fields.Set("userName", worker.UserName);
        fields.Set("workPhone", worker.WorkPhone);
        fields.Set("managerId", worker.ManagerId);
        fields.Set("managerEmail", worker.ManagerEmail);
        fields.Set("roles", worker.Roles.Count == 0 ? null : string.Join(";", worker.Roles.Order(StringComparer.Ordinal)));
        fields.Set("lifecycle.state", worker.Lifecycle.State.ToString());
        fields.Set("lifecycle.since", Date(worker.Lifecycle.Since));
        fields.Set("lifecycle.until", Date(worker.Lifecycle.Until));
        fields.Set("lifecycle.reason", worker.Lifecycle.Reason);
        foreach (var employment in worker.Employments)
        {
            var keys = employment.IsHome ? EmploymentKeys.Home : new EmploymentKeys($"employment[{employment.CompanyId}].");
            fields.Set(keys.CompanyId, employment.CompanyId);
            fields.Set(keys.CompanyCode, employment.CompanyCode);
            fields.Set(keys.CompanyName, employment.CompanyName);
            fields.Set(keys.StatusCode, employment.StatusCode);
            fields.Set(keys.JobCode, employment.JobCode);
            fields.Set(keys.JobTitle, employment.JobTitle);
            fields.Set(keys.EmployeeType, employment.EmployeeType);
            fields.Set(keys.FullTimeOrPartTime, employment.FullTimeOrPartTime);
            fields.Set(keys.LocationCode, employment.LocationCode);
            fields.Set(keys.LocationName, employment.LocationName);
            fields.Set(keys.OriginalHireDate, Date(employment.OriginalHireDate));
            fields.Set(keys.LastHireDate, Date(employment.LastHireDate));
            fields.Set(keys.TerminationDate, Date(employment.TerminationDate));
            fields.Set(keys.StatusStartDate, Date(employment.StatusStartDate));
            fields.Set(keys.LeaveReason, employment.LeaveReason);
            fields.Set(keys.TerminationReason, employment.TerminationReason);
            foreach (var unit in employment.OrgUnits)
            {
                var (code, name, levelName) = keys.OrgLevel(unit.Level);
                fields.Set(code, unit.Code);
                fields.Set(name, unit.Name);
                fields.Set(levelName, unit.LevelName);
            }
        }
        foreach (var (key, value) in worker.Raw)
        {
            if (!key.EndsWith("imeChanged", StringComparison.OrdinalIgnoreCase))
            {
                fields.Set(RawKey(key), value);
            }
        }
    }

    /// <summary>The raw keys seen so far with their "ukg." prefix: a source has a few dozen, and every worker has the
    /// same ones, so each is built once rather than once per worker per call. Bounded, in case a source's keys vary.</summary>
    private static readonly ConcurrentDictionary<string, string> RawKeys = new(StringComparer.Ordinal);

    private static string RawKey(string key)
    {
        if (RawKeys.TryGetValue(key, out var prefixed))
        {
            return prefixed;
        }
        prefixed = "ukg." + key;
        return RawKeys.Count < 4_096 ? RawKeys.GetOrAdd(key, prefixed) : prefixed;
    }

    /// <summary>The attribute names of one employment, under its prefix ("primary." or "employment[companyId].").
    /// The home employment's are built once, org levels 0–9 included.</summary>
    private sealed class EmploymentKeys
    {
        public static readonly EmploymentKeys Home = new("primary.", cacheOrgLevels: true);

        private readonly string _prefix;
        private readonly (string Code, string Name, string LevelName)[] _orgLevels;

        public EmploymentKeys(string prefix, bool cacheOrgLevels = false)
        {
            _prefix = prefix;
            _orgLevels = cacheOrgLevels ? [.. Enumerable.Range(0, 10).Select(BuildOrgLevel)] : [];
            CompanyId = prefix + "companyId";
            CompanyCode = prefix + "companyCode";
            CompanyName = prefix + "companyName";
            StatusCode = prefix + "statusCode";
            JobCode = prefix + "jobCode";
            JobTitle = prefix + "jobTitle";
            EmployeeType = prefix + "employeeType";
            FullTimeOrPartTime = prefix + "fullTimeOrPartTime";
            LocationCode = prefix + "locationCode";
            LocationName = prefix + "locationName";
            OriginalHireDate = prefix + "originalHireDate";
            LastHireDate = prefix + "lastHireDate";
            TerminationDate = prefix + "terminationDate";
            StatusStartDate = prefix + "statusStartDate";
            LeaveReason = prefix + "leaveReason";
            TerminationReason = prefix + "terminationReason";
        }

        public string CompanyId { get; }
        public string CompanyCode { get; }
        public string CompanyName { get; }
        public string StatusCode { get; }
        public string JobCode { get; }
        public string JobTitle { get; }
        public string EmployeeType { get; }
        public string FullTimeOrPartTime { get; }
        public string LocationCode { get; }
        public string LocationName { get; }
        public string OriginalHireDate { get; }
        public string LastHireDate { get; }
        public string TerminationDate { get; }
        public string StatusStartDate { get; }
        public string LeaveReason { get; }
        public string TerminationReason { get; }

        /// <summary>The names of an org level's code, name and level name.</summary>
        public (string Code, string Name, string LevelName) OrgLevel(int level) =>
            level >= 0 && level < _orgLevels.Length ? _orgLevels[level] : BuildOrgLevel(level);

        private (string Code, string Name, string LevelName) BuildOrgLevel(int level) =>
            (string.Create(CultureInfo.InvariantCulture, $"{_prefix}orgLevel{level}.code"),
             string.Create(CultureInfo.InvariantCulture, $"{_prefix}orgLevel{level}.name"),
             string.Create(CultureInfo.InvariantCulture, $"{_prefix}orgLevel{level}.levelName"));
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
