using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Headwater.Connectors.Files;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Files;

/// <summary>What the file destination writes: RFC 4180 CSV that spreadsheets cannot run, JSON Lines, whole files
/// only, the newest timestamped files kept, deactivated people kept or left out, and failures as results.</summary>
public sealed class FileDestinationTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 15, 4, 5, TimeSpan.Zero);
    private static readonly string[] Columns = ["firstName", "lastName", "jobTitle"];

    private readonly TempFolder _folder = new();

    private FileDestination Destination(FileFormat format = FileFormat.Csv, int retain = 30, InactivePeople inactive = InactivePeople.Keep,
        string? folder = null) =>
        new("hr", new FileDestinationOptions { Folder = folder ?? _folder.Path, Format = format, Retain = retain, Inactive = inactive });

    private static RosterEntry Person(string id, string first, string last, string? title = "Analyst", bool active = true) =>
        new(id, active, new Dictionary<string, string?> { ["firstName"] = first, ["lastName"] = last, ["jobTitle"] = title }, null);

    private static PlannedChange Create(RosterEntry person) =>
        new(ChangeKind.Create, person.WorkerId, null, [.. person.Values.Select(v => new AttributeChange(v.Key, null, v.Value))], ReasonCode.Hired, "Hired");

    private static RunDelivery Run(IReadOnlyList<RosterEntry> roster, int runId = 7, DateTimeOffset? at = null,
        IReadOnlyList<PlannedChange>? changes = null) =>
        new("hr", runId, at ?? At, Columns, roster, changes ?? [.. roster.Select(Create)]);

    private static async Task Deliver(FileDestination destination, RunDelivery run)
    {
        var result = await destination.Receive(run);
        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task Each_run_writes_the_latest_roster_and_a_timestamped_roster_and_change_set()
    {
        await Deliver(Destination(), Run([Person("E1", "Ada", "Lovelace")]));

        Assert.Equal(["hr-changes-20261123T150405Z-run7.csv", "hr-roster-20261123T150405Z-run7.csv", "hr-roster.csv"], _folder.Names());
        Assert.Equal(["workerId", "active", "firstName", "lastName", "jobTitle", "managerWorkerId"],
            WrittenFiles.CsvHeader(_folder.File("hr-roster.csv")));
        Assert.Equal(File.ReadAllBytes(_folder.File("hr-roster.csv")),
            File.ReadAllBytes(_folder.File("hr-roster-20261123T150405Z-run7.csv")));
    }

    [Fact]
    public async Task Csv_quotes_commas_quotes_and_line_breaks_and_keeps_non_ASCII_names_readable_UTF8()
    {
        var tricky = Person("E1", "Siobhán", "Ó Briain", "Director, \"People\"\nand Culture");

        await Deliver(Destination(), Run([tricky]));

        var bytes = File.ReadAllBytes(_folder.File("hr-roster.csv"));
        Assert.NotEqual(0xEF, bytes[0]); // no byte order mark
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.Equal("workerId,active,firstName,lastName,jobTitle,managerWorkerId\r\n" +
            "E1,true,Siobhán,Ó Briain,\"Director, \"\"People\"\"\nand Culture\",\r\n", text);
        var row = Assert.Single(WrittenFiles.Csv(_folder.File("hr-roster.csv")));
        Assert.Equal(tricky.Values["jobTitle"], row["jobTitle"]);
        Assert.Equal("Ó Briain", row["lastName"]);
    }

    [Fact]
    public async Task Csv_values_a_spreadsheet_would_run_as_formulas_are_prefixed_with_an_apostrophe_but_JSON_Lines_are_not()
    {
        RosterEntry[] roster =
        [
            Person("E1", "=HYPERLINK(\"http://x\")", "+Plus"),
            Person("E2", "-Minus", "@At"),
            Person("E3", "Plain", "Name-Dash"),
        ];

        await Deliver(Destination(), Run(roster));
        await Deliver(Destination(FileFormat.JsonLines), Run(roster));

        var csv = WrittenFiles.Csv(_folder.File("hr-roster.csv"));
        Assert.Equal(["'=HYPERLINK(\"http://x\")", "'-Minus", "Plain"], csv.Select(r => r["firstName"]));
        Assert.Equal(["'+Plus", "'@At", "Name-Dash"], csv.Select(r => r["lastName"]));
        var jsonl = WrittenFiles.Rows(_folder.File("hr-roster.jsonl"));
        Assert.Equal(["=HYPERLINK(\"http://x\")", "-Minus", "Plain"], jsonl.Select(r => r["firstName"]));
    }

    [Fact]
    public async Task The_change_set_has_each_attributes_new_and_old_value_and_the_manager()
    {
        var before = Person("E1", "Ada", "Lovelace");
        PlannedChange[] changes =
        [
            new(ChangeKind.Update, "E1", "E1", [new("jobTitle", "Analyst", "Lead"), new("manager", null, "E9")],
                ReasonCode.Changed, "Changed in UKG: jobTitle, manager.", "E9"),
            new(ChangeKind.Deactivate, "E2", "E2", [], ReasonCode.Terminated, "Terminated on 2026-11-20", Active: false),
        ];

        await Deliver(Destination(), Run([before], changes: changes));
        await Deliver(Destination(FileFormat.JsonLines), Run([before], changes: changes));

        var path = _folder.File("hr-changes-20261123T150405Z-run7.csv");
        Assert.Equal(["workerId", "change", "reason", "active", "firstName", "firstName.old", "lastName", "lastName.old",
            "jobTitle", "jobTitle.old",
            "managerWorkerId", "managerWorkerId.old"], WrittenFiles.CsvHeader(path));
        var rows = WrittenFiles.Csv(path);
        Assert.Equal(("update", "Lead", "Analyst", "E9", null),
            (rows[0]["change"], rows[0]["jobTitle"], rows[0]["jobTitle.old"], rows[0]["managerWorkerId"], rows[0]["firstName"]));
        Assert.Equal(("deactivate", "false", "Terminated on 2026-11-20"), (rows[1]["change"], rows[1]["active"], rows[1]["reason"]));
        var lines = WrittenFiles.JsonLines(_folder.File("hr-changes-20261123T150405Z-run7.jsonl"));
        Assert.Equal("""{"workerId":"E1","change":"update","reason":"Changed in UKG: jobTitle, manager.","active":true,"attributes":""" +
            """{"jobTitle":{"old":"Analyst","new":"Lead"},"managerWorkerId":{"old":null,"new":"E9"}}}""", lines[0].ToJsonString());
        Assert.Empty(lines[1]["attributes"]!.AsObject());
    }

    [Fact]
    public async Task Every_JSON_Lines_line_is_one_JSON_object_with_active_as_a_boolean_and_empty_values_as_null()
    {
        await Deliver(Destination(FileFormat.JsonLines),
            Run([Person("E1", "Siobhán", "Ó Briain", title: null), Person("E2", "Bo", "Li", active: false)]));

        var text = File.ReadAllText(_folder.File("hr-roster.jsonl"), Encoding.UTF8);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Contains("Siobhán", text, StringComparison.Ordinal);
        var lines = WrittenFiles.JsonLines(_folder.File("hr-roster.jsonl"));
        Assert.Equal(2, lines.Count);
        var readable = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Assert.Equal(
            """{"workerId":"E1","active":true,"firstName":"Siobhán","lastName":"Ó Briain","jobTitle":null,"managerWorkerId":null}""",
            lines[0].ToJsonString(readable));
        Assert.False(lines[1]["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Files_are_replaced_whole_and_no_temporary_file_is_left_even_when_a_write_is_cancelled()
    {
        var destination = Destination();
        RosterEntry[] many = [.. Enumerable.Range(1, 5_000).Select(i => Person($"E{i}", "Person", $"Number {i}"))];
        await Deliver(destination, Run(many, runId: 1));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            destination.Receive(Run([Person("E1", "Only", "One")], runId: 2, at: At.AddHours(1)), cancelled.Token));

        Assert.DoesNotContain(_folder.Names(), n => n.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.DoesNotContain(_folder.Names(), n => n.Contains("run2", StringComparison.Ordinal));
        Assert.Equal(5_000, WrittenFiles.Csv(_folder.File("hr-roster.csv")).Count);
    }

    [Fact]
    public async Task Only_the_newest_timestamped_files_of_each_kind_are_kept_and_other_files_are_left_alone()
    {
        Directory.CreateDirectory(_folder.Path);
        await File.WriteAllTextAsync(_folder.File("hr-notes.txt"), "kept");
        await File.WriteAllTextAsync(_folder.File("payroll-roster-20200101T000000Z-run1.csv"), "another destination's");
        var destination = Destination(retain: 3);

        for (var run = 1; run <= 5; run++)
        {
            await Deliver(destination, Run([Person("E1", "Ada", "Lovelace")], runId: run, at: At.AddDays(run)));
        }

        Assert.Equal(
        [
            "hr-changes-20261126T150405Z-run3.csv", "hr-changes-20261127T150405Z-run4.csv", "hr-changes-20261128T150405Z-run5.csv",
            "hr-notes.txt",
            "hr-roster-20261126T150405Z-run3.csv", "hr-roster-20261127T150405Z-run4.csv", "hr-roster-20261128T150405Z-run5.csv",
            "hr-roster.csv",
            "payroll-roster-20200101T000000Z-run1.csv",
        ], _folder.Names());
    }

    [Theory]
    [InlineData(InactivePeople.Keep, new[] { "E1", "E2" })]
    [InlineData(InactivePeople.Omit, new[] { "E1" })]
    public async Task Deactivated_people_stay_in_the_roster_as_inactive_unless_told_to_omit_them(InactivePeople inactive, string[] expected)
    {
        var run = Run([Person("E1", "Ada", "Lovelace"), Person("E2", "Bo", "Li", active: false)],
            changes: [new(ChangeKind.Deactivate, "E2", "E2", [], ReasonCode.Terminated, "Terminated", Active: false)]);

        await Deliver(Destination(inactive: inactive), run);

        var roster = WrittenFiles.Csv(_folder.File("hr-roster.csv"));
        Assert.Equal(expected, roster.Select(r => r["workerId"]));
        Assert.Equal(expected.Select(id => id == "E1" ? "true" : "false"), roster.Select(r => r["active"]));
        Assert.Equal("deactivate", Assert.Single(WrittenFiles.Csv(_folder.File("hr-changes-20261123T150405Z-run7.csv")))["change"]);
    }

    [Fact]
    public async Task A_missing_folder_is_created()
    {
        var nested = Path.Combine(_folder.Path, "exports", "hr");

        await Deliver(Destination(folder: nested), Run([Person("E1", "Ada", "Lovelace")]));

        Assert.True(File.Exists(Path.Combine(nested, "hr-roster.csv")));
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_is_a_failed_delivery_naming_the_folder()
    {
        Directory.CreateDirectory(_folder.Path);
        await File.WriteAllTextAsync(_folder.File("blocker"), "a file where a folder should be");
        var folder = Path.Combine(_folder.File("blocker"), "out");

        var result = await Destination(folder: folder).Receive(Run([Person("E1", "Ada", "Lovelace")]));

        Assert.False(result.Succeeded);
        Assert.StartsWith($"cannot write {folder}: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(["blocker"], _folder.Names());
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_check_creates_the_folder_and_leaves_nothing_in_it()
    {
        var folder = Path.Combine(_folder.Path, "new", "folder");

        var result = await Destination(folder: folder).Check();

        Assert.True(result.Passed, result.Detail);
        Assert.True(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task The_check_of_a_folder_that_cannot_be_made_fails_with_what_to_do()
    {
        Directory.CreateDirectory(_folder.Path);
        var file = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var result = await Destination(folder: Path.Combine(file, "below")).Check();

        Assert.False(result.Passed);
        Assert.Contains("cannot write", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Create the folder", result.Fix, StringComparison.Ordinal);
    }
}
