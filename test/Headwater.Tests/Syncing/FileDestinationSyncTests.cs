using Headwater.Connectors.Files;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Tests.Support;

namespace Headwater.Tests.Syncing;

/// <summary>The engine delivering runs to a file destination: the first sync writes everyone in scope as creates,
/// and a termination shows up as one deactivation with the person kept in the roster as inactive.</summary>
public sealed class FileDestinationSyncTests : IDisposable
{
    private readonly string _folder = StateStore.NewDataDirectory();

    [Fact]
    public async Task A_file_destination_gets_the_whole_roster_then_only_a_leavers_deactivation()
    {
        var kind = new FileKind();
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 40, configure: d => d with
        {
            Kind = kind,
            Options = new FileDestinationOptions { Folder = _folder },
            Mapper = Mapper.Create(kind.DefaultMapping),
            Policy = new SyncPolicy { MatchBy = kind.MatchBy },
        });
        var roster = Path.Combine(_folder, $"{SyncHarness.Name}-roster.csv");

        var first = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, first.Run.Status);
        var created = first.Plan.Changes.Where(c => c.Kind == ChangeKind.Create).Select(c => c.WorkerId).ToList();
        Assert.InRange(created.Count, 30, 40);
        var rows = Csv(roster);
        Assert.Equal(created.Order(StringComparer.OrdinalIgnoreCase),
            rows.Select(r => r["workerId"]!).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(first.Run.Delivery, Assert.Single(Directory.GetFiles(_folder, $"{SyncHarness.Name}-roster-*")));
        var creates = Csv(ChangesOf(first.Run.Id));
        Assert.Equal(created, creates.Select(c => c["workerId"]));
        Assert.All(creates, c => Assert.Equal("create", c["change"]));

        var leaver = rows.First(r => r["active"] == "true" && r["terminationDate"] is null)["workerId"]!;
        sync.Ukg.Tenant.Terminate(leaver, sync.Ukg.Tenant.Today().AddDays(-1));
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var second = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, second.Run.Status);
        var after = Csv(roster);
        Assert.Equal(rows.Count, after.Count);
        Assert.Equal("false", after.Single(r => r["workerId"] == leaver)["active"]);
        Assert.All(after.Where(r => r["workerId"] != leaver),
            r => Assert.Equal(rows.Single(b => b["workerId"] == r["workerId"])["active"], r["active"]));
        var change = Assert.Single(Csv(ChangesOf(second.Run.Id)));
        Assert.Equal((leaver, "deactivate", "false"), (change["workerId"], change["change"], change["active"]));
    }

    private string ChangesOf(int runId) => Assert.Single(Directory.GetFiles(_folder, $"{SyncHarness.Name}-changes-*-run{runId}.csv"));

    private static IReadOnlyList<IReadOnlyDictionary<string, string?>> Csv(string path) => ReportText.Csv(File.ReadAllText(path));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
