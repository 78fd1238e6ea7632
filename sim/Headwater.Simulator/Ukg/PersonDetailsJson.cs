using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>EmpPersonDetails: employeeId/companyId with a lower-case d, nameSufixCode (sic), and the audit fields
/// spelled datetimeCreated/datetimeChanged although the query parameters are dateTimeCreated/dateTimeChanged.</summary>
internal static class PersonDetailsJson
{
    public static void Write(UkgJson json, EmployeeRow row)
    {
        var w = json.Writer;
        w.WriteStartObject();
        json.String("personId"u8, row.PersonId.ToString());
        json.String("employeeId"u8, row.EmployeeId);
        json.String("companyId"u8, row.CompanyId);
        json.String("userName"u8, row.UserName);
        json.String("firstName"u8, row.FirstName);
        json.String("middleName"u8, row.MiddleName);
        json.String("lastName"u8, row.LastName);
        json.String("preferredName"u8, row.PreferredName);
        json.String("namePrefixCode"u8, row.NamePrefix);
        json.String("nameSufixCode"u8, row.NameSuffix);
        json.String("formerName"u8, null);
        json.String("nameFormer"u8, null);
        json.String("additionalName1"u8, null);
        json.String("additionalName2"u8, null);
        json.String("emailAddress"u8, row.EmailAddress);
        json.String("emailAddressAlternate"u8, null);
        json.String("homePhone"u8, row.HomePhone);
        json.String("homePhoneCountry"u8, row.HomePhone is null ? null : "USA");
        json.Bool("homePhoneIsPrivate"u8, false);
        json.String("addressSms"u8, null);
        json.String("addressId"u8, row.PersonId.ToString());
        json.String("addressLine1"u8, row.AddressLine1);
        json.String("addressLine2"u8, null);
        json.String("addressCity"u8, row.AddressCity);
        json.String("addressState"u8, row.AddressState);
        json.String("addressZipCode"u8, row.AddressZipCode);
        json.String("addressCountry"u8, row.AddressCountry);
        json.String("addressCounty"u8, null);
        json.Bool("addressIsOnTaxBoundary"u8, false);
        json.Date("dateOfBirth"u8, row.DateOfBirth);
        json.String("gender"u8, row.Gender);
        json.String("maritalStatusCode"u8, null);
        json.String("ssn"u8, null);
        json.Bool("ssnIsSuppressed"u8, true);
        json.String("nationalId"u8, null);
        json.String("nationalIdCountry"u8, null);
        json.Bool("isDisabled"u8, false);
        json.Bool("isSmoker"u8, false);
        json.Date("dateDeceased"u8, null);
        json.Bool("cobraIsActive"u8, false);
        json.String("cobraStatus"u8, null);
        json.Date("dateOfCobraEvent"u8, null);
        json.Bool("consentElectronicW2"u8, true);
        json.Bool("isMultiPayGroup"u8, false);
        json.DateTime("datetimeCreated"u8, row.DateTimeCreated);
        json.DateTime("datetimeChanged"u8, row.DateTimeChanged);
        w.WriteEndObject();
    }
}

/// <summary>employee-supervisor-details: all strings, employeeID/companyID upper-case, supervisorEmployeeID.</summary>
internal static class SupervisorDetailsJson
{
    public static void Write(UkgJson json, EmployeeRow row)
    {
        var supervisor = json.Tenant.HomeRowOf(row.SupervisorId);
        var w = json.Writer;
        w.WriteStartObject();
        json.String("employeeID"u8, row.EmployeeId);
        json.String("companyID"u8, row.CompanyId);
        json.String("employeeNumber"u8, row.EmployeeNumber);
        json.String("supervisorEmployeeID"u8, row.SupervisorId);
        json.String("supervisorFirstName"u8, supervisor?.FirstName);
        json.String("supervisorLastName"u8, supervisor?.LastName);
        json.String("supervisorEmployeeNumber"u8, supervisor?.EmployeeNumber);
        json.String("supervisorCompanyID"u8, row.SupervisorCompanyId);
        json.String("supervisorCompanyCode"u8, json.Tenant.FindCompany(row.SupervisorCompanyId)?.CompanyCode);
        json.String("supervisorStatusCode"u8, supervisor?.StatusCode);
        json.String("supervisorJobCode"u8, supervisor?.JobCode);
        json.String("supervisorPositionCode"u8, null);
        json.String("supervisorEmail"u8, supervisor?.EmailAddress);
        json.String("supervisorWorkPhone"u8, supervisor?.WorkPhone);
        json.String("supervisorPersonId"u8, supervisor?.PersonId.ToString());
        w.WriteEndObject();
    }
}

/// <summary>user-profile-details: one row per employee and role; userId and roleId are integers.</summary>
internal static class UserProfileJson
{
    public static void Write(UkgJson json, EmployeeRow row)
    {
        var role = json.Tenant.FindRole(row.RoleId);
        var w = json.Writer;
        w.WriteStartObject();
        json.String("employeeId"u8, row.EmployeeId);
        json.String("companyId"u8, row.CompanyId);
        json.String("firstName"u8, row.FirstName);
        json.String("lastName"u8, row.LastName);
        json.String("personId"u8, row.PersonId.ToString());
        json.String("email"u8, row.EmailAddress);
        json.String("workPhone"u8, row.WorkPhone);
        json.String("userStatus"u8, UserStatus(row));
        w.WriteNumber("userId"u8, UserId(row));
        json.String("userName"u8, row.UserName);
        w.WriteNumber("roleId"u8, row.RoleId);
        json.String("roleName"u8, role?.RoleName);
        json.String("roleDescription"u8, role?.RoleDescription);
        json.String("integrationUserKey"u8, IntegrationKey(row).ToString());
        w.WriteEndObject();
    }

    public static string UserStatus(EmployeeRow row) => row.IsTerminated ? "I" : "A";

    public static long UserId(EmployeeRow row) => long.Parse(row.EmployeeNumber, System.Globalization.CultureInfo.InvariantCulture);

    public static Guid IntegrationKey(EmployeeRow row)
    {
        Span<byte> bytes = stackalloc byte[16];
        row.PersonId.TryWriteBytes(bytes);
        bytes.Reverse();
        return new Guid(bytes);
    }
}
