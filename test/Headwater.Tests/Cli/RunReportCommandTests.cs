using System.Text.Json;
using Headwater.Cli;
using Headwater.Data;
using Headwater.Reports;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

/// <summary>
/// <c>headwater runs show RUN --csv | --jsonl</c>: the run report on standard output, read back as a spreadsheet or a
/// script would, over a run whose workers have names that CSV and spreadsheets trip on.
/// </summary>
public sealed class RunReportCommandTests : IAsyncLifetime
{
    private readonly StateStore _store = StateStore.Sqlite();

    /// <summary>The stored workers: a comma, a quote, a formula, and two non-Latin scripts in their names.</summary>
    private static readonly (string Id, string Number, string Name)[] Workers =
    [
        ("E1", "0001", "Doe, Jane"),
        ("E2", "0002", "Siobhán \"Shiv\" O'Brien"),
        ("E3", "0003", "=HYPERLINK(\"http://x\",\"y\")"),
        ("E4", "0004", "山田 太郎"),
        ("E5", "0005", "Анна Петрова"),
    ];

    /// <summary>The run's changes: E9 was never stored (a worker since removed), so it has no number or name.</summary>
    private static readonly (string WorkerId, string Kind, ChangeStatus Status, string? Error)[] Changes =
    [
        ("E1", "Create", ChangeStatus.Applied, null),
        ("E2", "Update", ChangeStatus.Failed, "409 userName taken, \"shiv@example.com\""),
        ("E3", "Deactivate", ChangeStatus.Applied, null),
        ("E4", "Create", ChangeStatus.Failed, "=1+1"),
        ("E5", "Update", ChangeStatus.Blocked, null),
        ("E9", "Delete", ChangeStatus.Applied, null),
    ];

    private int _runId;

    public async Task InitializeAsync()
    {
        await using var data = await CommandData.Open(_store.Options, null, prepare: true, CancellationToken.None);
        var run = new SyncRun { Destination = "app", Status = SyncRunStatus.CompletedWithFailures };
        data.Db.SyncRuns.Add(run);
        data.Db.Workers.AddRange(Workers.Select(w => new WorkerRecord
        {
            Id = w.Id, EmployeeNumber = w.Number, DisplayName = w.Name, State = "Active", ContentHash = "", Fields = "{}", Source = "{}",
            Issues = "[]",
        }));
        await data.Db.SaveChangesAsync();
        data.Db.Changes.AddRange(Changes.Select(c => new ChangeRecord
        {
            RunId = run.Id, Destination = "app", WorkerId = c.WorkerId, Kind = c.Kind, Code = "code_" + c.WorkerId,
            Reason = $"Reason for {c.WorkerId}; with a comma, too.", Attributes = "[]",
            Drivers = JsonSerializer.Serialize(Drivers(c.WorkerId)), Status = c.Status, Error = c.Error,
        }));
        await data.Db.SaveChangesAsync();
        _runId = run.Id;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Runs_show_csv_prints_a_row_per_outcome_that_reads_back_as_stored_with_formulas_made_text()
    {
        using var cli = Cli();

        var result = await cli.Run("runs", "show", Run, "--csv");

        Assert.True(result.Exit == ExitCodes.Ok, result.Output);
        Assert.Equal(RunReport.Columns, ReportText.CsvHeader(result.Output));
        Assert.Contains("\r\n", result.Output, StringComparison.Ordinal);
        var rows = ReportText.Csv(result.Output);
        Assert.Equal(Changes.Select(c => c.WorkerId), rows.Select(r => r["employeeId"]));
        foreach (var (row, change) in rows.Zip(Changes))
        {
            var worker = Workers.FirstOrDefault(w => w.Id == change.WorkerId);
            Assert.Equal(worker.Number, row["employeeNumber"]);
            Assert.Equal(worker.Name is ['=', ..] ? "'" + worker.Name : worker.Name, row["name"]);
            Assert.Equal(change.Error is ['=', ..] ? "'" + change.Error : change.Error, row["error"]);
            Assert.Equal((change.Kind, change.Status.ToString(), "code_" + change.WorkerId), (row["change"], row["outcome"], row["code"]));
            Assert.Equal($"Reason for {change.WorkerId}; with a comma, too.", row["reason"]);
            Assert.Equal(string.Join("; ", Drivers(change.WorkerId).Select(d => $"{d.Key}={d.Value}")), row["values"]);
            Assert.Equal("app", row["destination"]);
        }
    }

    [Fact]
    public async Task Runs_show_jsonl_prints_an_object_per_outcome_with_names_exactly_as_stored()
    {
        using var cli = Cli();

        var result = await cli.Run("runs", "show", Run, "--jsonl");

        Assert.True(result.Exit == ExitCodes.Ok, result.Output);
        var lines = ReportText.JsonLines(result.Output);
        Assert.Equal(Changes.Length, lines.Count);
        foreach (var (line, change) in lines.Zip(Changes))
        {
            Assert.Equal(RunReport.Columns, line.EnumerateObject().Select(p => p.Name));
            var worker = Workers.FirstOrDefault(w => w.Id == change.WorkerId);
            Assert.Equal((change.WorkerId, worker.Number, worker.Name, change.Error),
                (Text(line, "employeeId"), Text(line, "employeeNumber"), Text(line, "name"), Text(line, "error")));
            Assert.Equal((change.Kind, change.Status.ToString()), (Text(line, "change"), Text(line, "outcome")));
            Assert.Equal(Drivers(change.WorkerId),
                line.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
        }
        Assert.Contains("山田 太郎", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_show_failed_with_a_report_format_prints_only_the_failures()
    {
        using var cli = Cli();

        var csv = await cli.Run("runs", "show", Run, "--failed", "--csv");
        var lines = await cli.Run("runs", "show", Run, "--failed", "--jsonl");

        var failed = Changes.Where(c => c.Status == ChangeStatus.Failed).Select(c => c.WorkerId).ToList();
        Assert.NotEmpty(failed);
        Assert.Equal(failed, ReportText.Csv(csv.Output).Select(r => r["employeeId"]));
        Assert.Equal(failed, ReportText.JsonLines(lines.Output).Select(l => Text(l, "employeeId")));
    }

    [Theory]
    [InlineData("--csv", "--json")]
    [InlineData("--jsonl", "--json")]
    [InlineData("--csv", "--jsonl")]
    public async Task Two_formats_at_once_are_refused_with_the_reason(string first, string second)
    {
        using var cli = Cli();

        var result = await cli.Run("runs", "show", Run, first, second);

        Assert.Equal(ExitCodes.Configuration, result.Exit);
        Assert.Contains("give only one of them", result.Output, StringComparison.Ordinal);
        if (second == "--json")
        {
            var failure = JsonDocument.Parse(result.Output).RootElement.GetProperty("failures")[0];
            Assert.Equal("Configuration", failure.GetProperty("cause").GetString());
        }
    }

    [Fact]
    public async Task A_report_of_a_run_that_does_not_exist_says_so()
    {
        using var cli = Cli();

        var result = await cli.Run("runs", "show", "999", "--csv");

        Assert.Equal(ExitCodes.NotFound, result.Exit);
        Assert.Contains("There is no run 999", result.Output, StringComparison.Ordinal);
    }

    private string Run => _runId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private CliHarness Cli() => new(new Dictionary<string, string> { ["HEADWATER_DATA_DIR"] = _store.Options.DataDirectory });

    private static Dictionary<string, string?> Drivers(string workerId) => new(StringComparer.Ordinal)
    {
        ["employmentStatus"] = workerId == "E3" ? "Terminated" : "Active",
        ["department"] = "R&D = Labs",
        ["managerId"] = workerId == "E1" ? null : "E1",
    };

    private static string? Text(JsonElement line, string field) => line.GetProperty(field).GetString();
}
