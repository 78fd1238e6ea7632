using System.Collections;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// A worker's raw UKG values by "endpoint.field", read through to the records themselves rather than copied, so
/// keeping them costs a few bytes per worker even at a million workers.
/// </summary>
internal sealed class UkgRawValues(EmploymentRecord employment, PersonRecord? person, SupervisorRecord? supervisor) : IReadOnlyDictionary<string, string?>
{
    private EmploymentRecord Employment { get; } = employment;
    private PersonRecord? Person { get; } = person;
    private SupervisorRecord? Supervisor { get; } = supervisor;

    private static readonly (string Key, Func<UkgRawValues, string?> Value)[] Fields =
    [
        ("employment.companyID", r => r.Employment.CompanyId),
        ("employment.employeeID", r => r.Employment.EmployeeId),
        ("employment.employeeNumber", r => r.Employment.EmployeeNumber),
        ("employment.employeeStatusCode", r => r.Employment.EmployeeStatusCode),
        ("employment.employeeTypeCode", r => r.Employment.EmployeeTypeCode),
        ("employment.fullTimeOrPartTimeCode", r => r.Employment.FullTimeOrPartTimeCode),
        ("employment.statusStartDate", r => r.Employment.StatusStartDate),
        ("employment.leaveReasonCode", r => r.Employment.LeaveReasonCode),
        ("employment.originalHireDate", r => r.Employment.OriginalHireDate),
        ("employment.lastHireDate", r => r.Employment.LastHireDate),
        ("employment.dateOfTermination", r => r.Employment.DateOfTermination),
        ("employment.termReason", r => r.Employment.TermReason),
        ("employment.primaryJobCode", r => r.Employment.PrimaryJobCode),
        ("employment.jobTitle", r => r.Employment.JobTitle),
        ("employment.orgLevel1Code", r => r.Employment.OrgLevel1Code),
        ("employment.orgLevel2Code", r => r.Employment.OrgLevel2Code),
        ("employment.orgLevel3Code", r => r.Employment.OrgLevel3Code),
        ("employment.orgLevel4Code", r => r.Employment.OrgLevel4Code),
        ("employment.primaryWorkLocationCode", r => r.Employment.PrimaryWorkLocationCode),
        ("employment.supervisorID", r => r.Employment.SupervisorId),
        ("employment.supervisorCOID", r => r.Employment.SupervisorCompanyId),
        ("employment.workPhoneNumber", r => r.Employment.WorkPhoneNumber),
        ("employment.dateTimeChanged", r => r.Employment.DateTimeChanged),
        ("person.personId", r => r.Person?.PersonId),
        ("person.userName", r => r.Person?.UserName),
        ("person.firstName", r => r.Person?.FirstName),
        ("person.middleName", r => r.Person?.MiddleName),
        ("person.lastName", r => r.Person?.LastName),
        ("person.preferredName", r => r.Person?.PreferredName),
        ("person.namePrefixCode", r => r.Person?.NamePrefixCode),
        ("person.nameSufixCode", r => r.Person?.NameSuffixCode ?? r.Person?.NameSuffixCodeCorrected),
        ("person.emailAddress", r => r.Person?.EmailAddress),
        ("person.emailAddressAlternate", r => r.Person?.EmailAddressAlternate),
        ("person.homePhone", r => r.Person?.HomePhone),
        ("person.addressCity", r => r.Person?.AddressCity),
        ("person.addressState", r => r.Person?.AddressState),
        ("person.addressCountry", r => r.Person?.AddressCountry),
        ("person.datetimeChanged", r => r.Person?.DateTimeChanged),
        ("supervisor.supervisorStatusCode", r => r.Supervisor?.SupervisorStatusCode),
        ("supervisor.supervisorEmail", r => r.Supervisor?.SupervisorEmail),
    ];

    private static readonly Dictionary<string, Func<UkgRawValues, string?>> ByKey =
        Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);

    public string? this[string key] => ByKey.TryGetValue(key, out var value) ? value(this) : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => Fields.Select(f => f.Key);
    public IEnumerable<string?> Values => Fields.Select(f => f.Value(this));
    public int Count => Fields.Length;
    public bool ContainsKey(string key) => ByKey.ContainsKey(key);

    public bool TryGetValue(string key, out string? value)
    {
        var found = ByKey.TryGetValue(key, out var read);
        value = found ? read!(this) : null;
        return found;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() =>
        Fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value(this))).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
