using System.Text.Json;
using System.Text.RegularExpressions;
using Headwater.Simulator.Tenants;
using Headwater.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>What the UKG API tests share: a fixed "as of" day, small tenants, a fake clock and JSON helpers.</summary>
internal static partial class UkgTestKit
{
    public const string EmploymentDetails = "/personnel/v1/employment-details";
    public const string PersonDetails = "/personnel/v1/person-details";
    public const string EmployeeChanges = "/personnel/v1/employee-changes";

    public static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>15:00 UTC on the "as of" day: 10:00 in the tenant's New York time zone.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    public static SimulatorOptions Small(int employees = 300) => new() { Employees = employees, AsOf = AsOf };

    public static FakeTimeProvider Clock() => new(Start);

    /// <summary>The property names of a JSON object, compared exactly (UKG's casing matters).</summary>
    public static HashSet<string> Names(JsonElement item) =>
        item.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    public static string? Text(JsonElement item, string name) => item.GetProperty(name).GetString();

    /// <summary>The URL of the Link header's rel="next", or null when there is no Link header.</summary>
    public static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }
        var link = Assert.Single(values);
        var match = LinkPattern().Match(link);
        Assert.True(match.Success, $"Unexpected Link header: {link}");
        return match.Groups["url"].Value;
    }

    public static async Task<IReadOnlyList<JsonElement>> ReadArray(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return [.. document.RootElement.Clone().EnumerateArray()];
    }

    /// <summary>An employee row's identity as employment-details spells it.</summary>
    public static string Key(EmployeeRow row) => row.EmployeeId + "/" + row.CompanyId;

    public static string EmploymentKey(JsonElement item) => Text(item, "employeeID") + "/" + Text(item, "companyID");

    /// <summary>An employee who works in one company only, so every per-employee answer has exactly one row.</summary>
    public static EmployeeRow SingleCompanyEmployee(SimulatorClient sim, Func<EmployeeRow, bool>? also = null)
    {
        var rows = sim.Rows();
        return rows.First(r => rows.Count(o => o.EmployeeId == r.EmployeeId) == 1 && (also is null || also(r)));
    }

    /// <summary>Distinct employees who each work in one company only, in tenant order.</summary>
    public static EmployeeRow[] SingleCompanyEmployees(SimulatorClient sim, int count)
    {
        var rows = sim.Rows();
        return [.. rows.Where(r => rows.Count(o => o.EmployeeId == r.EmployeeId) == 1).Take(count)];
    }

    [GeneratedRegex("^<(?<url>[^>]+)>; rel=\"next\"$")]
    private static partial Regex LinkPattern();
}
