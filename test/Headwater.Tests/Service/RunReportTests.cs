using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Headwater.Data;
using Headwater.Reports;
using Headwater.Tests.Support;

namespace Headwater.Tests.Service;

/// <summary>A run's reports: its failed and blocked changes as CSV, and every outcome as CSV or JSON Lines.</summary>
public sealed class RunReportTests
{
    private static readonly string[] CoreUser = ["urn:ietf:params:scim:schemas:core:2.0:User"];

    [Fact]
    public async Task A_run_report_has_a_header_and_a_row_per_failed_change()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        var (runId, taken, number) = await SyncWithOneFailedCreateAsync(scenario);

        using var response = await scenario.Admin.GetAsync($"/api/runs/{runId}/report.csv");

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"run-{runId}-failures.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', RunReport.Columns), lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith($"app,{taken},{number},", row, StringComparison.Ordinal);
        Assert.Contains(",Create,Failed,", row, StringComparison.Ordinal);
        Assert.Contains("409", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outcomes_report_has_every_change_of_the_run_in_both_formats_and_filters_by_status()
    {
        await using var scenario = await ServiceScenario.StartAsync();
        var (runId, taken, number) = await SyncWithOneFailedCreateAsync(scenario);
        var detail = await scenario.GetAsync($"/api/runs/{runId}?limit=5000");
        var outcomes = detail.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(detail.GetProperty("outcomeCount").GetInt32(), outcomes.Count);

        using var csvResponse = await scenario.Admin.GetAsync($"/api/runs/{runId}/outcomes.csv");
        using var linesResponse = await scenario.Admin.GetAsync($"/api/runs/{runId}/outcomes.jsonl");
        using var failedResponse = await scenario.Admin.GetAsync($"/api/runs/{runId}/outcomes.jsonl?status=failed");

        csvResponse.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"run-{runId}-outcomes.csv", csvResponse.Content.Headers.ContentDisposition?.FileName);
        var csv = ReportText.Csv(await csvResponse.Content.ReadAsStringAsync());
        Assert.Equal(outcomes.Select(o => (o.GetProperty("workerId").GetString(), o.GetProperty("status").GetString())),
            csv.Select(r => (r["employeeId"], r["outcome"])));
        Assert.Equal("application/x-ndjson", linesResponse.Content.Headers.ContentType?.MediaType);
        var lines = ReportText.JsonLines(await linesResponse.Content.ReadAsStringAsync());
        Assert.Equal(csv.Select(r => (r["employeeId"], r["employeeNumber"], r["change"], r["reason"])),
            lines.Select(l => (Text(l, "employeeId"), Text(l, "employeeNumber"), Text(l, "change"), Text(l, "reason"))));
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, l.GetProperty("values").ValueKind));
        var failed = Assert.Single(ReportText.JsonLines(await failedResponse.Content.ReadAsStringAsync()));
        Assert.Equal((taken, number, "Failed"), (Text(failed, "employeeId"), Text(failed, "employeeNumber"), Text(failed, "outcome")));
        Assert.Contains("409", Text(failed, "error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outcome_that_is_not_one_is_a_validation_problem()
    {
        await using var service = await ServiceApplication.StartAsync();

        using var response = await service.Client(service.AdminToken)
            .GetAsync(new Uri("/api/runs/1/outcomes.csv?status=broken", UriKind.Relative));

        var problem = await ServiceRequests.AssertProblem(response, 400);
        Assert.Contains("Failed", problem.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
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

        var csv = Encoding.UTF8.GetString(await RunReport.WriteCsvAsync([change], new Dictionary<string, WorkerRecord> { ["E1"] = worker },
            CancellationToken.None));

        var row = csv.Split("\r\n")[1];
        Assert.Contains(",\"'-42\",", row, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\")\",", row, StringComparison.Ordinal);
        Assert.Contains(",\"'+1 refused, \"\"quoted\"\"\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report.csv")]
    [InlineData("outcomes.csv")]
    [InlineData("outcomes.jsonl?status=Failed")]
    public async Task An_unknown_run_is_a_404_problem(string report)
    {
        await using var service = await ServiceApplication.StartAsync();

        using var response = await service.Client(service.AdminToken).GetAsync(new Uri($"/api/runs/999/{report}", UriKind.Relative));

        await ServiceRequests.AssertProblem(response, 404);
    }

    /// <summary>Syncs an integration in which creating one worker fails: matched by externalId only and not adopted on
    /// a 409, a SCIM user that already has the worker's userName makes the create fail. Returns the run, and the
    /// worker's employee ID and number.</summary>
    private static async Task<(int RunId, string EmployeeId, string? EmployeeNumber)> SyncWithOneFailedCreateAsync(ServiceScenario scenario)
    {
        var yaml = scenario.Yaml("hr", ServiceScenario.Unscheduled)
            + "\n    lifecycle: { matchBy: [externalId] }\n    compatibility: { adoptOnConflict: false }";
        await scenario.CreateAsync("hr", yaml);
        await scenario.PostAsync("/api/integrations/hr/plan");
        var plan = await scenario.PostAsync("/api/integrations/hr/plan?read=false&limit=1");
        var taken = plan.GetProperty("destinations")[0].GetProperty("changes")[0].GetProperty("workerId").GetString()!;
        var worker = (await scenario.GetAsync($"/api/integrations/hr/workers/{taken}")).GetProperty("worker");
        var email = worker.GetProperty("email").GetString()!.ToLowerInvariant();
        using (var scim = new HttpClient { BaseAddress = new Uri(scenario.Scim.BaseUrl.ToString().TrimEnd('/') + "/") })
        {
            scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Scim.BearerToken);
            using var created = await scim.PostAsJsonAsync("Users", new { schemas = CoreUser, userName = email });
            created.EnsureSuccessStatusCode();
        }
        var runId = (await scenario.PostAsync("/api/integrations/hr/sync")).GetProperty("runId").GetInt32();
        var run = await scenario.WaitForRunAsync(runId);
        Assert.Equal("CompletedWithFailures", run.GetProperty("run").GetProperty("status").GetString());
        return (runId, taken, worker.GetProperty("employeeNumber").GetString());
    }

    private static string? Text(JsonElement line, string field) => line.GetProperty(field).GetString();
}
