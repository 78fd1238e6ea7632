using System.Globalization;
using System.Text.Json;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Reading;

namespace Headwater.Benchmarks;

/// <summary>
/// The <c>ui</c> benchmark's workers as a read stores them: <see cref="Workforce"/>'s workers (ids <c>B0000001</c> on,
/// employee numbers from 100000) with about 40 more raw UKG values each (pay, schedule, address, custom fields, with
/// varied values), so each stored worker's fields are about 4 KB of JSON, as a real tenant's are.
/// </summary>
internal static class UiWorkers
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] PayGroups = ["BW1", "BW2", "MON", "WKL", "SMI"];
    private static readonly string[] States = ["OH", "CA", "NY", "TX", "WA", "IL", "FL", "ON", "BC", "QC"];
    private static readonly string[] Unions = ["", "", "", "UAW", "SEIU", "TEAM"];
    private static readonly string[] Shifts = ["DAY", "EVE", "NGT", "ROT"];

    public static List<Worker> Build(int count)
    {
        var random = new Random(Fixture.Seed + 1);
        return [.. Workforce.Build(count, idPrefix: "B").Select(w => w with { Raw = Padded(w, random) })];
    }

    public static WorkerRecord Record(Worker worker, DateTimeOffset now, int seenInRead)
    {
        var fields = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in WorkerAttributes.Of(worker))
        {
            if (value is not null)
            {
                fields[key] = value;
            }
        }
        return new WorkerRecord
        {
            Id = worker.Id, EmployeeNumber = worker.EmployeeNumber, DisplayName = worker.DisplayName, Email = worker.Email,
            ManagerId = worker.ManagerId, State = worker.Lifecycle.State.ToString(), ContentHash = worker.Id,
            Fields = JsonSerializer.Serialize(fields, ReadingJson.Default.SortedDictionaryStringString), Source = "{}", Issues = "[]",
            FirstSeenAt = now, ChangedAt = now, LastSeenAt = now, SeenInRead = seenInRead,
        };
    }

    private static Dictionary<string, string?> Padded(Worker worker, Random random)
    {
        var raw = new Dictionary<string, string?>(worker.Raw, StringComparer.Ordinal);
        string Money(int low, int high) => (random.Next(low, high) + random.Next(100) / 100m).ToString("F2", Inv);
        string Date(int daysBack) => Timestamp(Workforce.Today.AddDays(-random.Next(daysBack)));
        raw["compensation.payGroup"] = PayGroups[random.Next(PayGroups.Length)];
        raw["compensation.annualSalary"] = Money(32_000, 240_000);
        raw["compensation.hourlyPayRate"] = Money(15, 120);
        raw["compensation.salaryGrade"] = $"G{random.Next(1, 18):D2}";
        raw["compensation.payFrequency"] = random.Next(4) == 0 ? "W" : "B";
        raw["compensation.lastPayChange"] = Date(900);
        raw["compensation.scheduledWorkHours"] = (random.Next(2) == 0 ? 80 : random.Next(20, 80)).ToString(Inv);
        raw["employment.shiftCode"] = Shifts[random.Next(Shifts.Length)];
        raw["employment.unionLocal"] = Unions[random.Next(Unions.Length)];
        raw["employment.benefitSeniorityDate"] = Date(9_000);
        raw["employment.seniorityDate"] = Date(9_000);
        raw["employment.lastPerformanceReviewDate"] = Date(400);
        raw["employment.nextPerformanceReviewDate"] = Timestamp(Workforce.Today.AddDays(random.Next(365)));
        raw["employment.projectCode"] = $"PRJ-{random.Next(1, 400):D4}";
        raw["employment.timeclockId"] = random.Next(1_000_000, 9_999_999).ToString(Inv);
        raw["employment.isAutoAllocated"] = random.Next(2) == 0 ? "true" : "false";
        raw["employment.deductionGroupCode"] = $"D{random.Next(1, 12):D2}";
        raw["employment.earningGroupCode"] = $"E{random.Next(1, 9):D2}";
        raw["employment.workersCompensationCode"] = $"{random.Next(8000, 9999)}";
        raw["employment.eeoClass"] = random.Next(1, 10).ToString(Inv);
        raw["employment.flsaType"] = random.Next(3) == 0 ? "N" : "E";
        raw["person.addressLine1"] = $"{random.Next(1, 9999)} {worker.LastName} {(random.Next(2) == 0 ? "Street" : "Avenue")}";
        raw["person.addressLine2"] = random.Next(4) == 0 ? $"Suite {random.Next(100, 999)}" : null;
        raw["person.addressState"] = States[random.Next(States.Length)];
        raw["person.addressZipCode"] = random.Next(10_000, 99_999).ToString(Inv);
        raw["person.homePhone"] = $"+1 {random.Next(200, 999)} 555 {random.Next(10_000):D4}";
        raw["person.mobilePhone"] = $"+1 {random.Next(200, 999)} 555 {random.Next(10_000):D4}";
        raw["person.alternateEmailAddress"] = $"{worker.FirstName}.{worker.LastName}{random.Next(100)}@mail.example.org".ToLowerInvariant();
        raw["person.emergencyContactName"] = $"{worker.LastName} {(random.Next(2) == 0 ? "Family" : "Contact")}";
        raw["person.emergencyContactPhone"] = $"+1 {random.Next(200, 999)} 555 {random.Next(10_000):D4}";
        raw["person.preferredLanguage"] = random.Next(5) == 0 ? "fr-CA" : "en-US";
        raw["person.countryOfCitizenship"] = random.Next(5) == 0 ? "CAN" : "USA";
        raw["person.suffix"] = random.Next(30) == 0 ? "Jr." : null;
        raw["person.lastModifiedBy"] = $"integration.user{random.Next(1, 40):D2}";
        for (var i = 1; i <= 10; i++)
        {
            raw[$"platformConfiguration.customField{i:D2}"] = random.Next(3) == 0 ? null : $"value-{i}-{random.Next(1, 60 * i)}";
        }
        return raw;
    }

    private static string Timestamp(DateOnly date) => date.ToString("yyyy-MM-dd", Inv) + "T00:00:00";
}
