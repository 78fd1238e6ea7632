namespace Headwater.Simulator.Tenants;

/// <summary>
/// HR events, applied the way UKG Pro applies them: each stamps dateTimeChanged (so the change shows in
/// dateTimeChanged filters and the employee-changes feed) and job, org and status events add a job history entry.
/// Every method throws <see cref="HrEventException"/> for an unknown employee or an event that makes no sense.
/// </summary>
public sealed partial class Tenant
{
    private int _nextEmployeeNumber;

    public EmployeeRow Hire(NewHire hire)
    {
        var today = Today();
        var hireDate = hire.HireDate ?? today;
        var company = FindCompany(hire.CompanyId ?? Companies[0].CompanyId)
            ?? throw new HrEventException($"Unknown company '{hire.CompanyId}'.");
        var job = FindJob(hire.JobCode ?? Jobs[0].JobCode) ?? throw new HrEventException($"Unknown job '{hire.JobCode}'.");
        if (hire.SupervisorId is { } supervisorId && HomeRowOf(supervisorId) is null)
        {
            throw new HrEventException($"Unknown supervisor '{supervisorId}'.");
        }
        lock (_gate)
        {
            var now = LocalNow();
            var ordinal = Math.Max(_nextEmployeeNumber, _count) + 1;
            _nextEmployeeNumber = ordinal;
            var employeeId = Identifiers.EmployeeId(ordinal + 7_000_000L, Settings.CustomerApiKey);
            var supervisor = HomeRowOf(hire.SupervisorId);
            var row = new EmployeeRow
            {
                EmployeeId = employeeId,
                CompanyId = company.CompanyId,
                EmployeeNumber = Identifiers.EmployeeNumber(ordinal + 900_000),
                PersonId = DeterministicGuid(employeeId + "person"),
                FirstName = hire.FirstName,
                LastName = hire.LastName,
                PreferredName = hire.PreferredName,
                EmailAddress = hire.EmailAddress,
                UserName = hire.EmailAddress,
                DateOfBirth = today.AddYears(-30),
                JobCode = job.JobCode,
                OrgLevel1Code = hire.OrgLevel1Code ?? supervisor?.OrgLevel1Code,
                OrgLevel2Code = hire.OrgLevel2Code ?? supervisor?.OrgLevel2Code,
                OrgLevel3Code = hire.OrgLevel3Code ?? supervisor?.OrgLevel3Code,
                OrgLevel4Code = hire.OrgLevel4Code ?? supervisor?.OrgLevel4Code,
                LocationCode = hire.LocationCode ?? supervisor?.LocationCode ?? Locations[0].LocationCode,
                EmployeeTypeCode = hire.EmployeeTypeCode ?? "REG",
                StatusCode = EmployeeStatus.Active,
                StatusStartDate = hireDate,
                OriginalHireDate = hireDate,
                LastHireDate = hireDate,
                DateInJob = hireDate,
                SupervisorId = supervisor?.EmployeeId,
                SupervisorCompanyId = supervisor?.CompanyId,
                DateTimeCreated = now,
                DateTimeChanged = now,
            };
            if (_count == _rows.Length)
            {
                Array.Resize(ref _rows, Math.Max(16, _rows.Length * 2));
            }
            _rows[_count] = row;
            Index(_count, row);
            Volatile.Write(ref _count, _count + 1);
            return row;
        }
    }

    public IReadOnlyList<EmployeeRow> Transfer(string employeeId, Transfer transfer)
    {
        if (transfer.JobCode is { } jobCode && FindJob(jobCode) is null)
        {
            throw new HrEventException($"Unknown job '{jobCode}'.");
        }
        return Update(employeeId, transfer.CompanyId, row => row with
        {
            OrgLevel1Code = transfer.OrgLevel1Code ?? row.OrgLevel1Code,
            OrgLevel2Code = transfer.OrgLevel2Code ?? row.OrgLevel2Code,
            OrgLevel3Code = transfer.OrgLevel3Code ?? row.OrgLevel3Code,
            OrgLevel4Code = transfer.OrgLevel4Code ?? row.OrgLevel4Code,
            LocationCode = transfer.LocationCode ?? row.LocationCode,
            JobCode = transfer.JobCode ?? row.JobCode,
            DateInJob = transfer.JobCode is null || transfer.JobCode == row.JobCode ? row.DateInJob : Today(),
        }, new HistoryFlags("XFER", JobChange: transfer.JobCode is not null, OrgChange: true, Transfer: true));
    }

    public IReadOnlyList<EmployeeRow> ChangeManager(string employeeId, string? supervisorId)
    {
        var supervisor = supervisorId is null ? null
            : HomeRowOf(supervisorId) ?? throw new HrEventException($"Unknown supervisor '{supervisorId}'.");
        if (supervisor is not null && string.Equals(supervisor.EmployeeId, employeeId, StringComparison.OrdinalIgnoreCase))
        {
            throw new HrEventException("An employee cannot be their own supervisor.");
        }
        return Update(employeeId, null, row => row with
        {
            SupervisorId = supervisor?.EmployeeId,
            SupervisorCompanyId = supervisor?.CompanyId,
        }, new HistoryFlags("SUPV", JobChange: false, OrgChange: true, Transfer: false));
    }

    public IReadOnlyList<EmployeeRow> Rename(string employeeId, string firstName, string lastName, string? preferredName = null) =>
        Update(employeeId, null, row => row with { FirstName = firstName, LastName = lastName, PreferredName = preferredName }, null);

    public IReadOnlyList<EmployeeRow> ChangeEmail(string employeeId, string? emailAddress) =>
        Update(employeeId, null, row => row with { EmailAddress = emailAddress }, null);

    public IReadOnlyList<EmployeeRow> StartLeave(string employeeId, string reasonCode, DateOnly? startDate = null) =>
        Update(employeeId, null, row => row.IsTerminated
            ? throw new HrEventException($"Employee '{employeeId}' is terminated.")
            : row with
            {
                StatusCode = EmployeeStatus.Leave,
                LeaveReasonCode = reasonCode,
                StatusStartDate = startDate ?? Today(),
            }, new HistoryFlags("LOA", false, false, false), startDate);

    public IReadOnlyList<EmployeeRow> EndLeave(string employeeId) =>
        Update(employeeId, null, row => row.StatusCode != EmployeeStatus.Leave
            ? throw new HrEventException($"Employee '{employeeId}' is not on leave.")
            : row with { StatusCode = EmployeeStatus.Active, LeaveReasonCode = null, StatusStartDate = Today() },
            new HistoryFlags("RFL", false, false, false));

    /// <summary>
    /// Terminates now or on a future date. A future termination leaves the status A with dateOfTermination set;
    /// the status becomes T at the start of the day after the termination date, tenant time, and only then is the
    /// termination entered in the job history, effective on the termination date.
    /// </summary>
    public IReadOnlyList<EmployeeRow> Terminate(string employeeId, DateOnly? date = null, string reason = "RES", string? companyId = null)
    {
        var today = Today();
        var terminationDate = date ?? today;
        var future = terminationDate >= today;
        var changed = Update(employeeId, companyId, row =>
        {
            if (row.IsTerminated)
            {
                throw new HrEventException($"Employee '{employeeId}' is already terminated.");
            }
            if (terminationDate < row.LastHireDate)
            {
                throw new HrEventException("The termination date must not be before the last hire date.");
            }
            return row with
            {
                DateOfTermination = terminationDate,
                TermReason = reason,
                TermType = reason is "INV" or "RIF" ? "I" : "V",
                StatusCode = future ? row.StatusCode : EmployeeStatus.Terminated,
                StatusStartDate = future ? row.StatusStartDate : terminationDate,
                LeaveReasonCode = future ? row.LeaveReasonCode : null,
            };
        }, future ? null : new HistoryFlags("TERM", false, false, false), terminationDate);
        lock (_gate)
        {
            foreach (var row in changed)
            {
                ScheduleIfFutureTermination(row);
            }
        }
        return changed;
    }

    /// <summary>Rehires into the same employeeID after the termination date; dateOfTermination keeps the old value, as in UKG.</summary>
    public IReadOnlyList<EmployeeRow> Rehire(string employeeId, DateOnly? date = null, string? companyId = null)
    {
        var rehireDate = date ?? Today();
        return Update(employeeId, companyId, row => !row.IsTerminated
            ? throw new HrEventException($"Employee '{employeeId}' is not terminated.")
            : rehireDate <= row.DateOfTermination
            ? throw new HrEventException("The rehire date must be after the termination date.")
            : row with
            {
                StatusCode = EmployeeStatus.Active,
                StatusStartDate = rehireDate,
                LastHireDate = rehireDate,
                DateInJob = rehireDate,
            }, new HistoryFlags("REHIRE", true, true, false), rehireDate);
    }

    /// <summary>Applies future-dated terminations whose day has ended, stamping the change at the day's end.</summary>
    public void ApplyDueEvents()
    {
        var now = LocalNow();
        lock (_gate)
        {
            while (_dueTerminations.TryPeek(out var employeeId, out var due) && due <= now)
            {
                _dueTerminations.Dequeue();
                if (!_rowsByEmployee.TryGetValue(employeeId, out var indexes))
                {
                    continue;
                }
                foreach (var i in indexes)
                {
                    var row = _rows[i];
                    if (!row.IsTerminated && row.DateOfTermination is { } date && EndOfDay(date) <= now && date >= row.LastHireDate)
                    {
                        Replace(i, row with
                        {
                            StatusCode = EmployeeStatus.Terminated,
                            StatusStartDate = date,
                            LeaveReasonCode = null,
                            DateTimeChanged = EndOfDay(date),
                        }, new HistoryFlags("TERM", false, false, false), date);
                    }
                }
            }
        }
    }

    private static DateTime EndOfDay(DateOnly date) => date.AddDays(1).ToDateTime(TimeOnly.MinValue);

    private void ScheduleIfFutureTermination(EmployeeRow row)
    {
        if (!row.IsTerminated && row.DateOfTermination is { } date && date >= row.LastHireDate)
        {
            _dueTerminations.Enqueue(row.EmployeeId, EndOfDay(date));
        }
    }

    /// <summary>Applies a change to the employee's rows (or one company's), stamping dateTimeChanged; the job history
    /// entry, if any, is effective on <paramref name="effective"/>, or today.</summary>
    private IReadOnlyList<EmployeeRow> Update(
        string employeeId, string? companyId, Func<EmployeeRow, EmployeeRow> change, HistoryFlags? history, DateOnly? effective = null)
    {
        ApplyDueEvents();
        lock (_gate)
        {
            if (!_rowsByEmployee.TryGetValue(employeeId, out var indexes))
            {
                throw new HrEventException($"Unknown employee '{employeeId}'.");
            }
            var targets = indexes.Where(i => companyId is null || string.Equals(_rows[i].CompanyId, companyId, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (targets.Length == 0)
            {
                throw new HrEventException($"Employee '{employeeId}' has no employment in company '{companyId}'.");
            }
            var now = LocalNow();
            var updated = targets.Select(i => (Index: i, Row: change(_rows[i]) with { DateTimeChanged = now })).ToList();
            foreach (var (i, row) in updated)
            {
                Replace(i, row, history, effective ?? DateOnly.FromDateTime(now));
            }
            return [.. updated.Select(u => u.Row)];
        }
    }

    private void Replace(int index, EmployeeRow row, HistoryFlags? history, DateOnly effective)
    {
        var previous = _rows[index];
        _rows[index] = row;
        if (history is null)
        {
            return;
        }
        var key = HistoryKey(row);
        if (!_jobHistory.TryGetValue(key, out var entries))
        {
            _jobHistory[key] = entries = [HireEntry(previous)];
        }
        entries.Add(new JobHistoryEntry(
            DeterministicGuid($"{key}|{entries.Count}"), row, effective, row.DateTimeChanged, history.Reason,
            history.JobChange, history.OrgChange, history.Transfer, IsPromotion: false));
    }

    private sealed record HistoryFlags(string Reason, bool JobChange, bool OrgChange, bool Transfer);
}

public sealed record NewHire(
    string FirstName, string LastName, string? EmailAddress = null, string? PreferredName = null,
    DateOnly? HireDate = null, string? CompanyId = null, string? JobCode = null, string? LocationCode = null,
    string? SupervisorId = null, string? EmployeeTypeCode = null, string? OrgLevel1Code = null,
    string? OrgLevel2Code = null, string? OrgLevel3Code = null, string? OrgLevel4Code = null);

public sealed record Transfer(
    string? OrgLevel1Code = null, string? OrgLevel2Code = null, string? OrgLevel3Code = null, string? OrgLevel4Code = null,
    string? LocationCode = null, string? JobCode = null, string? CompanyId = null);

public sealed class HrEventException(string message) : Exception(message);
