using CsvHelper;
using Headwater.Cli;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Service;
using Headwater.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Tests.Notifications;

/// <summary>
/// Failure emails sent through a real SMTP server (MailDev, started by the test script) and read back through its API:
/// one per incident, a reminder while it lasts, an all-clear when the connection is back; failed changes grouped by
/// cause with the people and the run's report attached; the same from the service as from the CLI.
/// </summary>
public sealed class EmailTests
{
    [Fact]
    public async Task A_rejected_password_is_emailed_once_then_a_reminder_then_the_all_clear()
    {
        using var mail = MailDev.Connect();
        var contact = MailDev.NewAddress("it");
        await using var env = await SyncCli.StartAsync(employees: 5,
            destinationExtras: $"notifications:\n  contacts: [\"IT team <{contact}>\"]\n  remindAfter: 2h\n");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var environment = new Dictionary<string, string>(env.Environment());
        foreach (var (key, value) in mail.Settings())
        {
            environment[key] = value;
        }
        var password = environment["UKG_PASSWORD"];
        environment["UKG_PASSWORD"] = "not-the-password";

        var first = await Sync(environment, time, ExitCodes.Unauthorized);
        Assert.Contains("Emailed the technical contacts", first, StringComparison.Ordinal);
        var broken = Assert.Single(await mail.WaitFor(contact, 1));
        Assert.Equal("Headwater · headwater: cannot connect: UKG Pro rejected the password, user name or customer API key",
            broken.GetProperty("subject").GetString());
        Assert.Equal("IT team", broken.GetProperty("to")[0].GetProperty("name").GetString());
        Assert.Equal("headwater@example.com", broken.GetProperty("from")[0].GetProperty("address").GetString());
        var text = broken.GetProperty("text").GetString()!;
        Assert.Contains("Service Account Administration", text, StringComparison.Ordinal);
        Assert.Contains("What happened:", text, StringComparison.Ordinal);
        Assert.Contains("Service Account Administration", broken.GetProperty("html").GetString(), StringComparison.Ordinal);

        // The same failure an hour later is the same incident: no second email.
        time.Advance(TimeSpan.FromHours(1));
        await Sync(environment, time, ExitCodes.Unauthorized);
        Assert.Single(await mail.MessagesTo(contact));

        // Past remindAfter since the email, a reminder.
        time.Advance(TimeSpan.FromHours(2));
        await Sync(environment, time, ExitCodes.Unauthorized);
        var reminder = (await mail.WaitFor(contact, 2))[1];
        Assert.Equal($"Reminder: {broken.GetProperty("subject").GetString()}", reminder.GetProperty("subject").GetString());

        environment["UKG_PASSWORD"] = password;
        await Sync(environment, time, ExitCodes.Ok);
        var resolved = (await mail.WaitFor(contact, 3))[2];
        Assert.Equal($"Resolved: {broken.GetProperty("subject").GetString()}", resolved.GetProperty("subject").GetString());
        Assert.Contains("This is over", resolved.GetProperty("text").GetString(), StringComparison.Ordinal);
        await Sync(environment, time, ExitCodes.Ok);
        Assert.Equal(3, (await mail.MessagesTo(contact)).Count);
    }

    [Fact]
    public async Task People_who_were_not_synced_are_grouped_by_cause_with_the_report_attached()
    {
        using var mail = MailDev.Connect();
        var contact = MailDev.NewAddress("hr-systems");
        await using var env = await SyncCli.StartAsync(employees: 40, destinationExtras: $"""
                mapping:
                  attributes:
                    - {"{"} target: userType, value: primary.employeeType, choices: [REG] {"}"}
            notifications:
              contacts: [{contact}]
            """);
        var tenant = env.Ukg.Tenant;
        var rows = tenant.Snapshot().ToArray().Where(r => r.StatusCode == EmployeeStatus.Active).ToList();
        var odd = rows.First(r => r.EmployeeTypeCode != "REG");
        tenant.Rename(odd.EmployeeId, "<b>Zoë</b>", "O'Brien & \"Co\"");
        var (first, second) = (rows.First(r => r.EmployeeTypeCode == "REG"), rows.Last(r => r.EmployeeTypeCode == "REG"));
        tenant.ChangeEmail(second.EmployeeId, first.EmailAddress);
        var environment = new Dictionary<string, string>(env.Environment());
        foreach (var (key, value) in mail.Settings())
        {
            environment[key] = value;
        }

        await Sync(environment, TimeProvider.System, null);

        var message = Assert.Single(await mail.WaitFor(contact, 1));
        var text = message.GetProperty("text").GetString()!;
        var html = message.GetProperty("html").GetString()!;
        Assert.Contains("A value is not one of a field's allowed values", text, StringComparison.Ordinal);
        Assert.Contains("Two people share one email address or user name", text, StringComparison.Ordinal);
        Assert.Contains($"employee number {second.EmployeeNumber}", text, StringComparison.Ordinal);
        Assert.Contains("<b>Zoë</b> O'Brien & \"Co\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Zoë", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Zo", html, StringComparison.Ordinal);
        Assert.Contains("is not one of the allowed values", text, StringComparison.Ordinal);

        var attachment = message.GetProperty("attachments")[0].GetProperty("filename").GetString()!;
        var file = Path.Combine(env.Directory, attachment);
        await File.WriteAllTextAsync(file, await mail.Attachment(message, attachment));
        var reported = new HashSet<string>(StringComparer.Ordinal);
        using (var csv = CsvReader.FromFile(file, CsvReaderOptions.Default with { Separator = ',' }))
        {
            while (csv.Read())
            {
                reported.Add(csv.GetString(csv.Headers.ToList().IndexOf("employeeId")));
            }
        }
        var invalid = rows.Where(r => r.EmployeeTypeCode != "REG").Select(r => r.EmployeeId);
        Assert.Superset(invalid.Append(first.EmployeeId).Append(second.EmployeeId).ToHashSet(), reported);
        Assert.Contains(odd.EmployeeId, reported);

        // Nothing new in the next run: no second email.
        await Sync(environment, TimeProvider.System, null);
        Assert.Single(await mail.MessagesTo(contact));
    }

    [Fact]
    public async Task The_service_emails_the_same_way_after_its_runs()
    {
        using var mail = MailDev.Connect();
        var contact = MailDev.NewAddress("ops");
        var settings = mail.Settings().ToDictionary(p => p.Key["HEADWATER_".Length..], p => (string?)p.Value);
        await using var scenario = await ServiceScenario.StartAsync(configuration: settings);
        var yaml = scenario.Yaml("hr", ServiceScenario.Unscheduled + $"\nnotifications:\n  contacts: [{contact}]");
        var wrong = new Dictionary<string, string>(scenario.Values) { [ServiceScenario.UkgPasswordVariable] = "not-the-password" };
        using (var put = await scenario.PutAsync("hr", yaml, wrong))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        var run = await scenario.PostAsync("/api/integrations/hr/sync");
        await scenario.WaitForRunAsync(run.GetProperty("runId").GetInt32());

        var message = Assert.Single(await mail.WaitFor(contact, 1));
        Assert.Equal("Headwater · hr: cannot connect: UKG Pro rejected the password, user name or customer API key",
            message.GetProperty("subject").GetString());
        Assert.Contains($"run {run.GetProperty("runId").GetInt32()}", message.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daily_summary_goes_out_once_a_day_with_the_runs_since_the_last()
    {
        using var mail = MailDev.Connect();
        var contact = MailDev.NewAddress("manager");
        await using var env = await SyncCli.StartAsync(employees: 5,
            destinationExtras: $"notifications:\n  contacts: [{contact}]\n  send: [dailySummary]\n");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));
        var environment = new Dictionary<string, string>(env.Environment());
        foreach (var (key, value) in mail.Settings())
        {
            environment[key] = value;
        }

        await Sync(environment, time, ExitCodes.Ok);
        var first = Assert.Single(await mail.WaitFor(contact, 1));
        Assert.Equal("Headwater · headwater: daily summary: 1 run, 5 changes applied, 0 failed", first.GetProperty("subject").GetString());
        Assert.Contains("5 created", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Nothing is waiting for anyone.", first.GetProperty("text").GetString(), StringComparison.Ordinal);

        time.Advance(TimeSpan.FromHours(6));
        env.Ukg.Tenant.Rename(env.Ukg.Tenant.Snapshot().ToArray()[0].EmployeeId, "Ada", "Lovelace");
        await Sync(environment, time, ExitCodes.Ok);
        Assert.Single(await mail.MessagesTo(contact));

        time.Advance(TimeSpan.FromHours(18));
        await Sync(environment, time, ExitCodes.Ok);
        var second = (await mail.WaitFor(contact, 2))[1];
        Assert.Equal("Headwater · headwater: daily summary: 2 runs, 1 change applied, 0 failed", second.GetProperty("subject").GetString());
        Assert.Contains("1 updated", second.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> Sync(Dictionary<string, string> environment, TimeProvider time, int? exit)
    {
        using var cli = new CliHarness(environment, time);
        var result = await cli.Run("sync");
        if (exit is { } expected)
        {
            Assert.True(result.Exit == expected, result.Output);
        }
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        return result.Output;
    }
}
