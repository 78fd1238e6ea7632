using System.Diagnostics;
using Headwater.Cli;
using Headwater.Core.Events;
using Headwater.Data;
using Headwater.Simulator;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Cli;

/// <summary>
/// The outbox's crash test: <c>headwater sync</c> as its own process, killed outright after its run wrote the events
/// and while the first of them is on the wire (the receiver holds requests unanswered). The next
/// <c>headwater sync</c> process delivers every event, each once per webhook-id, the one in flight with the same id.
/// </summary>
public sealed class KilledWebhookSyncTests : IAsyncLifetime
{
    private const int Leavers = 5;
    private UkgSimulator _ukg = null!;
    private WebhookReceiver _receiver = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _ukg = await UkgSimulator.StartAsync(StateHarness.Tenant(60));
        _receiver = await WebhookReceiver.StartAsync();
        _directory = StateStore.NewDataDirectory();
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "headwater.yaml"), $"""
            destinations:
              - name: hooks
                type: webhook
                url: {_receiver.Url}
                secret: ${"{"}HOOKS_WEBHOOK_SECRET{"}"}
                events: [employee.hired, employee.terminated]
                safety: {"{"} maxDeactivations: none, maxDeactivationPercent: none {"}"}
            """);
    }

    [Fact]
    public async Task Events_written_by_a_killed_sync_are_delivered_by_the_next_once_per_id()
    {
        Assert.Equal(0, (await Sync()).Exit); // the first run records where everyone stands
        var leavers = _ukg.Tenant.Snapshot().ToArray().Where(e => e.IsHomeCompany && e.StatusCode == "A")
            .Take(Leavers).Select(e => e.EmployeeId).ToList();
        foreach (var id in leavers)
        {
            _ukg.Tenant.Terminate(id, _ukg.Tenant.Today().AddDays(-1));
        }
        await _receiver.Faults(new { hang = true, times = 1_000 });

        await KillWhileTheFirstEventIsInFlight();
        var inFlight = (await _receiver.Deliveries())["attempts"]!.AsArray().Select(a => a!["id"]!.ToString()).ToList();
        Assert.Empty(await _receiver.Accepted()); // written, not delivered
        await _receiver.Faults(); // answering again
        var next = await Sync();

        Assert.True(next.Exit == 0, next.Output);
        var accepted = await _receiver.Accepted();
        Assert.Equal(leavers.Order(), accepted.Select(a => a["body"]!["data"]!["workerId"]!.ToString()).Order());
        Assert.All(accepted, a => Assert.Equal(EventTypes.Terminated, a["type"]!.ToString()));
        Assert.Equal(Leavers, accepted.Select(a => a["id"]!.ToString()).Distinct().Count());
        Assert.Subset(accepted.Select(a => a["id"]!.ToString()).ToHashSet(), inFlight.ToHashSet()); // the same ids, sent again
        Assert.Empty((await _receiver.Deliveries())["duplicates"]!.AsArray());
        Assert.Contains($"Events: {Leavers} delivered", next.Output, StringComparison.Ordinal);
    }

    /// <summary>Starts <c>headwater sync</c> and kills it once its run has committed the events to the outbox (read from the
    /// state database beside it) and the receiver holds the first request.</summary>
    private async Task KillWhileTheFirstEventIsInFlight()
    {
        var start = Start();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var data = DataOptions.FromEnvironment(name => start.Environment.TryGetValue(name, out var value) ? value : null);
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && await Written(data) < Leavers && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(50);
        }
        if (process.HasExited)
        {
            // Only now: the output of a process still running is not complete until it exits.
            Assert.Fail("headwater sync finished before it could be killed: " + await output + await errors);
        }
        // The first post goes out at once after the commit, and the receiver holds it (a loaded machine may take a while).
        var posting = Stopwatch.StartNew();
        while ((await _receiver.Deliveries())["attempts"]!.AsArray().Count == 0 && posting.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task<int> Written(DataOptions data)
    {
        if (!File.Exists(data.SqlitePath))
        {
            return 0;
        }
        await using var store = await CommandData.Open(data, null, prepare: false, CancellationToken.None);
        try
        {
            return await store.Db.Events.CountAsync();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // the table is not there until the first run has migrated the database
        }
    }

    private async Task<CliResult> Sync()
    {
        using var process = Process.Start(Start())!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output + await errors);
    }

    private ProcessStartInfo Start()
    {
        var start = new ProcessStartInfo(ExecutableTests.DotnetHost())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(ExecutableTests.HeadwaterDll());
        start.ArgumentList.Add("sync");
        foreach (var (name, value) in CliHarness.Environment(_ukg, _directory))
        {
            start.Environment[name] = value;
        }
        start.Environment["HOOKS_WEBHOOK_SECRET"] = _receiver.Secret;
        // One worker's events at a time, so the kill finds exactly one event on the wire and none taken.
        start.Environment["HEADWATER_EVENTS_CONCURRENCY"] = "1";
        start.Environment["HEADWATER_CONFIG"] = Path.Combine(_directory, "headwater.yaml");
        start.Environment.Remove("HEADWATER_POSTGRES");
        return start;
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _ukg.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
