using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Headwater.Data;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>ui [--workers 100000] [--requests 30]</c>: the admin UI's pages with many workers in the database. One integration
/// is stored and synced against a small simulated tenant; then its state gets <c>--workers</c> more workers, each with
/// an active account, and one finished run with a change for each, written straight to the database. A browser-like
/// client signs in through the sign-in form (cookie and antiforgery token) and requests each page
/// <c>--requests</c> times, one after another, after three unmeasured requests.
/// </summary>
internal static partial class UiRun
{
    private const string Integration = "hr";

    public static async Task<int> RunAsync(string[] args)
    {
        var workers = 100_000;
        var requests = 30;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--workers": workers = value; break;
                case "--requests": requests = value; break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}");
                    return 2;
            }
        }
        Console.WriteLine($"{Machine.Describe()}. /proc/loadavg at start: {ServiceRun.LoadLine()}.");
        await using var ukg = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = 20 });
        await using var scim = await ScimSimulator.StartAsync(new ScimSimulatorOptions());
        await using var service = await BenchService.StartAsync();
        await service.PutAsync(Integration, ukg, scim);
        await service.WaitForFirstRunsAsync([Integration], TimeSpan.FromMinutes(5));
        await Console.Error.WriteLineAsync($"# seeding {workers} workers, accounts and changes");
        var seeding = Stopwatch.StartNew();
        var runId = await SeedAsync(service.Services, workers);
        var seeded = seeding.Elapsed;

        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(cookies) { BaseAddress = service.Admin.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await SignInAsync(browser, service.Admin.DefaultRequestHeaders.Authorization!.Parameter!);
        var pages = new (string Name, string Path)[]
        {
            ("Integrations", "/"),
            ("Integration (status, runs, charts)", $"/integrations/{Integration}"),
            ("Workers, first page", $"/integrations/{Integration}/workers"),
            ("Workers, page 1,000", $"/integrations/{Integration}/workers?page=1000"),
            ("Workers, search", $"/integrations/{Integration}/workers?search=15000"),
            ("Worker", Invariant($"/integrations/{Integration}/workers/B{workers / 2:D7}")),
            ("Run, first page", $"/runs/{runId}"),
            ("Run, filtered, page 1,000", $"/runs/{runId}?kind=Create&outcome=Applied&page=1000"),
            ("Destinations", $"/integrations/{Integration}/destinations"),
            ("Mapping, previewed on the first worker", $"/integrations/{Integration}/mapping"),
            ("Policy, the scope counted over every worker", $"/integrations/{Integration}/policy"),
        };
        Console.WriteLine();
        Console.WriteLine(Invariant($"### {workers:N0} workers, accounts and run outcomes (seeded in {seeded.TotalSeconds:F0} s)"));
        Console.WriteLine();
        Console.WriteLine("| Page | p50 | p95 | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, path) in pages)
        {
            await MeasureAsync(name, $"`{path}`", requests, () => browser.GetAsync(path), "");
        }
        await MeasurePolicyAsync(browser, requests);
        await MeasureUnheldAsync(service, browser, requests, 100);
        await MeasureLifecycleAsync(browser, requests);
        await MeasureRestartAsync(service);
        Console.WriteLine();
        Console.WriteLine($"/proc/loadavg at the end: {ServiceRun.LoadLine()}.");
        return 0;
    }

    /// <summary>Sends a request <paramref name="requests"/> times after three unmeasured ones and prints its row; each answer
    /// must be the page (not the sign-in form) and contain <paramref name="expected"/>.</summary>
    private static async Task MeasureAsync(string name, string shown, int requests, Func<Task<HttpResponseMessage>> send, string expected)
    {
        var times = new Latencies();
        for (var i = 0; i < requests + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed;
            if (response.StatusCode != HttpStatusCode.OK || response.RequestMessage?.RequestUri?.AbsolutePath == "/signin"
                || !body.Contains(expected, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            }
            if (i >= 3)
            {
                times.Add(elapsed);
            }
        }
        Console.WriteLine($"| {name} ({shown}) | {times.Cells(ServiceRun.Ms)} |");
    }

    private static Task<int> IntegrationIdAsync(HeadwaterDb db) =>
        db.Integrations.Where(i => i.Name == Integration).Select(i => i.Id).SingleAsync();

    /// <summary>Signs in through the form as a browser would: the antiforgery token from the page, then the post.</summary>
    private static async Task SignInAsync(HttpClient browser, string token)
    {
        var form = await browser.GetStringAsync("/signin");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery), ["Token"] = token,
        });
        using var response = await browser.PostAsync("/signin", content);
        var page = await response.Content.ReadAsStringAsync();
        if (!page.Contains("<h1>Integrations</h1>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in failed: {(int)response.StatusCode} {page[..Math.Min(page.Length, 300)]}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Workers as a read stores them (<see cref="UiWorkers"/>, with their search terms), their active accounts and
    /// one finished run with a change each; the run's id.</summary>
    private static async Task<int> SeedAsync(IServiceProvider services, int count)
    {
        const int batch = 10_000;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            var id = await IntegrationIdAsync(db);
            var now = TimeProvider.System.GetUtcNow();
            var run = new IntegrationRun
            {
                IntegrationId = id, Trigger = RunTrigger.SyncNow, Status = SyncRunStatus.Succeeded, QueuedAt = now, StartedAt = now,
                FinishedAt = now.AddMinutes(3),
            };
            db.IntegrationRuns.Add(run);
            await db.SaveChangesAsync();
            db.IntegrationId = id;
            // Seen by the integration's latest full read, as a read would have left them.
            var seenIn = await db.ReadRuns.Where(r => r.Succeeded && r.Mode == "Full").MaxAsync(r => (int?)r.Id) ?? 0;
            var people = UiWorkers.Build(count);
            long fieldBytes = 0;
            var part = new Data.SyncRun
            {
                Destination = "app", Status = SyncRunStatus.Succeeded, StartedAt = now, FinishedAt = now.AddMinutes(3), Workers = count,
                Creates = count, Applied = count, IntegrationRunId = run.Id,
            };
            db.SyncRuns.Add(part);
            await db.SaveChangesAsync();
            for (var start = 0; start < count; start += batch)
            {
                await using var batchScope = services.CreateAsyncScope();
                var writer = batchScope.ServiceProvider.GetRequiredService<HeadwaterDb>();
                writer.IntegrationId = id;
                writer.ChangeTracker.AutoDetectChangesEnabled = false;
                foreach (var n in Enumerable.Range(start, Math.Min(batch, count - start)))
                {
                    var record = UiWorkers.Record(people[n], now, seenIn);
                    fieldBytes += record.Fields.Length;
                    var worker = record.Id;
                    writer.Workers.Add(record);
                    writer.WorkerSearchTerms.AddRange(WorkerSearchTerm.Of(record));
                    writer.Accounts.Add(new AccountRecord
                    {
                        Destination = "app", AccountId = worker, WorkerId = worker, Ownership = "Created", Active = true, Values = "{}",
                        CreatedAt = now, UpdatedAt = now,
                    });
                    writer.Changes.Add(new ChangeRecord
                    {
                        RunId = part.Id, Destination = "app", WorkerId = worker, Kind = "Create", AccountId = worker, Code = "hired",
                        Reason = "Active (status A).", Attributes = "[]", Drivers = "{}", Status = ChangeStatus.Applied, AppliedAt = now,
                    });
                }
                await writer.SaveChangesAsync();
            }
            Console.WriteLine(Invariant($"Each worker's stored fields: {fieldBytes / Math.Max(1, count):N0} characters of JSON on average."));
            return run.Id;
        }
    }
}
