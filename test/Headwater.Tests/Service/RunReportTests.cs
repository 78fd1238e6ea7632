using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Headwater.Data;
using Headwater.Service;

namespace Headwater.Tests.Service;

/// <summary>A run's failed and blocked changes as CSV.</summary>
public sealed class RunReportTests
{
    private static readonly string[] CoreUser = ["urn:ietf:params:scim:schemas:core:2.0:User"];

    [Fact]
    public async Task A_run_report_has_a_header_and_a_row_per_failed_change()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        // Matched by externalId only and not adopted on a 409, a SCIM user that already has a worker's userName makes
        // creating theirs fail.
        var yaml = scenario.Yaml("hr", ServiceScenario.Unscheduled)
            + "\n    lifecycle: { matchBy: [externalId] }\n    compatibility: { adoptOnConflict: false }";
        await scenario.CreateAsync("hr", yaml);
        await scenario.PostAsync("/api/integrations/hr/plan");
        var plan = await scenario.PostAsync("/api/integrations/hr/plan?read=false&limit=1");
        var taken = plan.GetProperty("destinations")[0].GetProperty("changes")[0].GetProperty("workerId").GetString()!;
        var worker = await scenario.GetAsync($"/api/integrations/hr/workers/{taken}");
        var email = worker.GetProperty("worker").GetProperty("email").GetString()!.ToLowerInvariant();
        using (var scim = new HttpClient { BaseAddress = new Uri(scenario.Scim.BaseUrl.ToString().TrimEnd('/') + "/") })
        {
            scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Scim.BearerToken);
            using var created = await scim.PostAsJsonAsync("Users", new { schemas = CoreUser, userName = email });
            created.EnsureSuccessStatusCode();
        }
        var sync = await scenario.PostAsync("/api/integrations/hr/sync");
        var runId = sync.GetProperty("runId").GetInt32();
        var run = await scenario.WaitForRunAsync(runId);
        Assert.Equal("CompletedWithFailures", run.GetProperty("run").GetProperty("status").GetString());

        using var response = await scenario.Admin.GetAsync($"/api/runs/{runId}/report.csv");

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"run-{runId}-failures.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("destination,employeeId,employeeNumber,name,kind,status,code,reason,error", lines[0]);
        var row = Assert.Single(lines[1..]);
        var number = worker.GetProperty("worker").GetProperty("employeeNumber").GetString();
        Assert.StartsWith($"app,{taken},{number},", row, StringComparison.Ordinal);
        Assert.Contains(",Create,Failed,", row, StringComparison.Ordinal);
        Assert.Contains("409", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_are_written_as_text()
    {
        var change = new ChangeRecord
        {
            Destination = "app", WorkerId = "E1", Kind = "Create", Code = "hired", Reason = "Hired.", Attributes = "[]", Drivers = "{}",
            Status = ChangeStatus.Failed, Error = "+1 refused, \"quoted\"",
        };
        var worker = new WorkerRecord
        {
            Id = "E1", EmployeeNumber = "-42", DisplayName = "=HYPERLINK(\"http://x\")", State = "Active", ContentHash = "", Fields = "{}",
            Source = "{}", Issues = "[]",
        };

        var csv = Encoding.UTF8.GetString(await RunReport.WriteAsync([change], new Dictionary<string, WorkerRecord> { ["E1"] = worker },
            CancellationToken.None));

        var row = csv.Split("\r\n")[1];
        Assert.Contains(",\"'-42\",", row, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\")\",", row, StringComparison.Ordinal);
        Assert.Contains(",\"'+1 refused, \"\"quoted\"\"\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_is_a_404_problem()
    {
        await using var service = await ServiceApplication.StartAsync();

        using var response = await service.Client(service.AdminToken).GetAsync(new Uri("/api/runs/999/report.csv", UriKind.Relative));

        await ServiceRequests.AssertProblem(response, 404);
    }
}
