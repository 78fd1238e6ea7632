using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Headwater.Connectors.Ukg;

// The UKG records Headwater reads, with UKG's exact JSON names (which differ by endpoint: employeeID here,
// employeeId there). Every value is read as a string, whatever JSON type the tenant sends, so a tenant that sends
// "Y" where another sends true, or a number where the spec says string, is read the same; dates are parsed later,
// in the tenant's time zone. Sensitive fields (SSN, health, I-9, COBRA) are not read at all.

public sealed record EmploymentRecord
{
    [JsonPropertyName("companyID")] public string? CompanyId { get; init; }
    [JsonPropertyName("companyCode")] public string? CompanyCode { get; init; }
    [JsonPropertyName("companyName")] public string? CompanyName { get; init; }
    [JsonPropertyName("employeeID")] public string? EmployeeId { get; init; }
    [JsonPropertyName("employeeNumber")] public string? EmployeeNumber { get; init; }
    [JsonPropertyName("primaryJobCode")] public string? PrimaryJobCode { get; init; }
    [JsonPropertyName("jobTitle")] public string? JobTitle { get; init; }
    [JsonPropertyName("jobDescription")] public string? JobDescription { get; init; }
    [JsonPropertyName("orgLevel1Code")] public string? OrgLevel1Code { get; init; }
    [JsonPropertyName("orgLevel2Code")] public string? OrgLevel2Code { get; init; }
    [JsonPropertyName("orgLevel3Code")] public string? OrgLevel3Code { get; init; }
    [JsonPropertyName("orgLevel4Code")] public string? OrgLevel4Code { get; init; }
    [JsonPropertyName("primaryWorkLocationCode")] public string? PrimaryWorkLocationCode { get; init; }
    [JsonPropertyName("employeeStatusCode")] public string? EmployeeStatusCode { get; init; }
    [JsonPropertyName("employeeTypeCode")] public string? EmployeeTypeCode { get; init; }
    [JsonPropertyName("fullTimeOrPartTimeCode")] public string? FullTimeOrPartTimeCode { get; init; }
    [JsonPropertyName("statusStartDate")] public string? StatusStartDate { get; init; }
    [JsonPropertyName("leaveReasonCode")] public string? LeaveReasonCode { get; init; }
    [JsonPropertyName("originalHireDate")] public string? OriginalHireDate { get; init; }
    [JsonPropertyName("lastHireDate")] public string? LastHireDate { get; init; }
    [JsonPropertyName("dateOfTermination")] public string? DateOfTermination { get; init; }
    [JsonPropertyName("termReason")] public string? TermReason { get; init; }
    [JsonPropertyName("supervisorID")] public string? SupervisorId { get; init; }
    [JsonPropertyName("supervisorCOID")] public string? SupervisorCompanyId { get; init; }
    [JsonPropertyName("workPhoneNumber")] public string? WorkPhoneNumber { get; init; }
    [JsonPropertyName("dateTimeChanged")] public string? DateTimeChanged { get; init; }
}

public sealed record PersonRecord
{
    [JsonPropertyName("personId")] public string? PersonId { get; init; }
    [JsonPropertyName("employeeId")] public string? EmployeeId { get; init; }
    [JsonPropertyName("companyId")] public string? CompanyId { get; init; }
    [JsonPropertyName("userName")] public string? UserName { get; init; }
    [JsonPropertyName("firstName")] public string? FirstName { get; init; }
    [JsonPropertyName("middleName")] public string? MiddleName { get; init; }
    [JsonPropertyName("lastName")] public string? LastName { get; init; }
    [JsonPropertyName("preferredName")] public string? PreferredName { get; init; }
    [JsonPropertyName("namePrefixCode")] public string? NamePrefixCode { get; init; }
    [JsonPropertyName("nameSufixCode")] public string? NameSuffixCode { get; init; }
    [JsonPropertyName("nameSuffixCode")] public string? NameSuffixCodeCorrected { get; init; }
    [JsonPropertyName("emailAddress")] public string? EmailAddress { get; init; }
    [JsonPropertyName("emailAddressAlternate")] public string? EmailAddressAlternate { get; init; }
    [JsonPropertyName("homePhone")] public string? HomePhone { get; init; }
    [JsonPropertyName("addressCity")] public string? AddressCity { get; init; }
    [JsonPropertyName("addressState")] public string? AddressState { get; init; }
    [JsonPropertyName("addressCountry")] public string? AddressCountry { get; init; }
    [JsonPropertyName("datetimeChanged")] public string? DateTimeChanged { get; init; }
}

public sealed record SupervisorRecord
{
    [JsonPropertyName("employeeID")] public string? EmployeeId { get; init; }
    [JsonPropertyName("companyID")] public string? CompanyId { get; init; }
    [JsonPropertyName("supervisorEmployeeID")] public string? SupervisorEmployeeId { get; init; }
    [JsonPropertyName("supervisorCompanyID")] public string? SupervisorCompanyId { get; init; }
    [JsonPropertyName("supervisorStatusCode")] public string? SupervisorStatusCode { get; init; }
    [JsonPropertyName("supervisorEmail")] public string? SupervisorEmail { get; init; }
}

public sealed record UserProfileRecord
{
    [JsonPropertyName("employeeId")] public string? EmployeeId { get; init; }
    [JsonPropertyName("companyId")] public string? CompanyId { get; init; }
    [JsonPropertyName("roleName")] public string? RoleName { get; init; }
}

public sealed record CompanyRecord
{
    [JsonPropertyName("companyID")] public string? CompanyId { get; init; }
    [JsonPropertyName("companyCode")] public string? CompanyCode { get; init; }
    [JsonPropertyName("companyName")] public string? CompanyName { get; init; }
    [JsonPropertyName("isMasterCompany")] public string? IsMasterCompany { get; init; }
}

public sealed record OrgLevelRecord
{
    [JsonPropertyName("level")] public string? Level { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("levelDescription")] public string? LevelDescription { get; init; }
}

public sealed record LocationRecord
{
    [JsonPropertyName("locationCode")] public string? LocationCode { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
}

/// <summary>Real tenants key jobs by jobCode; the spec says code. Both are read.</summary>
public sealed record JobRecord
{
    [JsonPropertyName("jobCode")] public string? JobCode { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
}

/// <summary>
/// Reads any JSON scalar as a string: numbers and booleans keep their JSON text; "" stays "". Short values (codes,
/// dates, names) repeat across thousands of rows, so they are shared from a bounded pool instead of allocated per row:
/// at a million workers this is the difference of several hundred megabytes.
/// </summary>
public sealed class AnyScalarAsString : JsonConverter<string>
{
    private const int MaxPooledLength = 24;
    private const int MaxPoolSize = 100_000;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PoolLookup =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _pooled;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => Pooled(ref reader),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => SkipComplex(ref reader),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private static string? Pooled(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledLength)
        {
            return reader.GetString();
        }
        Span<char> chars = stackalloc char[MaxPooledLength];
        var length = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        if (PoolLookup.TryGetValue(chars[..length], out var pooled))
        {
            return pooled;
        }
        var value = new string(chars[..length]);
        // ConcurrentDictionary.Count takes every lock: a counter of our own keeps concurrent readers apart.
        if (Volatile.Read(ref _pooled) < MaxPoolSize && Pool.TryAdd(value, value))
        {
            Interlocked.Increment(ref _pooled);
        }
        return value;
    }

    private static string? SkipComplex(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}

[JsonSourceGenerationOptions(Converters = [typeof(AnyScalarAsString)], NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(EmploymentRecord))]
[JsonSerializable(typeof(PersonRecord))]
[JsonSerializable(typeof(SupervisorRecord))]
[JsonSerializable(typeof(UserProfileRecord))]
[JsonSerializable(typeof(CompanyRecord))]
[JsonSerializable(typeof(OrgLevelRecord))]
[JsonSerializable(typeof(LocationRecord))]
[JsonSerializable(typeof(JobRecord))]
[JsonSerializable(typeof(List<EmploymentRecord>))]
[JsonSerializable(typeof(List<PersonRecord>))]
[JsonSerializable(typeof(List<SupervisorRecord>))]
[JsonSerializable(typeof(List<UserProfileRecord>))]
[JsonSerializable(typeof(List<CompanyRecord>))]
[JsonSerializable(typeof(List<OrgLevelRecord>))]
[JsonSerializable(typeof(List<LocationRecord>))]
[JsonSerializable(typeof(List<JobRecord>))]
public sealed partial class UkgJsonContext : JsonSerializerContext;
