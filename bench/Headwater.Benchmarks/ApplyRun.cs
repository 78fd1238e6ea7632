using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Headwater.Configuration;
using Headwater.Connectors.Scim;
using Headwater.Connectors.Ukg;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Syncing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>apply [--changes 2000] [--concurrency 8] [--rounds 3]</c>: against test/scim-server, compares the creates per
/// second that <see cref="DestinationSync"/> reaches (SCIM destination through <c>AddScim</c>, state in SQLite, the
/// plan's creates applied by <see cref="ChangeApplier"/>) with those of a bare HttpClient sending the same POST bodies
/// at the same concurrency. The bodies are the ones the engine sent in a warm-up run, captured on the wire. Both are
/// timed from the start of the first POST to the end of the last, by the same handler; the server is reset between
/// passes.
/// </summary>
internal static class ApplyRun
{
    private const string Destination = "scim";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var changes = 2_000;
        var concurrency = 8;
        var rounds = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--changes": changes = int.Parse(args[++i].Replace("_", "", StringComparison.Ordinal), Inv); break;
                case "--concurrency": concurrency = int.Parse(args[++i], Inv); break;
                case "--rounds": rounds = int.Parse(args[++i], Inv); break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}");
                    return 2;
            }
        }
        var scenario = ApplyScenario.Create(changes);
        Console.WriteLine(FormattableString.Invariant(
            $"{changes:N0} creates (new hires whose {scenario.Managers.Count:N0} managers already have accounts), concurrency {concurrency}, {rounds} rounds. Load average before: {LoadAverage()}"));
        await using var server = await ScimServerProcess.StartAsync();

        // Warm-up: one engine run, whose POST bodies the load generator sends from then on, and one load generator run.
        var bodies = new ConcurrentQueue<string>();
        await Engine(server, scenario, concurrency, bodies);
        if (bodies.Count != changes)
        {
            throw new InvalidOperationException($"The engine sent {bodies.Count} POSTs; {changes} were expected.");
        }
        var requests = bodies.ToArray();
        await server.Reset();
        await LoadGenerator(server, requests, concurrency);
        await server.Reset();

        Console.WriteLine();
        Console.WriteLine("| Round | Order | Load generator | Headwater (apply phase) | Headwater / load generator | Headwater, whole run |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        double generatorSeconds = 0, engineSeconds = 0, wholeSeconds = 0;
        for (var round = 1; round <= rounds; round++)
        {
            // Alternate which goes first, so a drift in the machine's load does not favour either.
            var generatorFirst = round % 2 == 1;
            double generator = 0;
            (double Apply, double Whole) engine = default;
            foreach (var first in new[] { true, false })
            {
                if (first == generatorFirst)
                {
                    generator = await LoadGenerator(server, requests, concurrency);
                }
                else
                {
                    engine = await Engine(server, scenario, concurrency, null);
                }
                await server.Reset();
            }
            generatorSeconds += generator;
            engineSeconds += engine.Apply;
            wholeSeconds += engine.Whole;
            Console.WriteLine(FormattableString.Invariant(
                $"| {round} | {(generatorFirst ? "generator, engine" : "engine, generator")} | {changes / generator:N0}/s ({generator:N2} s) | {changes / engine.Apply:N0}/s ({engine.Apply:N2} s) | {generator / engine.Apply:P0} | {engine.Whole:N2} s |"));
        }
        var total = (double)changes * rounds;
        Console.WriteLine(FormattableString.Invariant(
            $"| all | | {total / generatorSeconds:N0}/s | {total / engineSeconds:N0}/s | **{generatorSeconds / engineSeconds:P0}** | {wholeSeconds / rounds:N2} s (mean) |"));
        Console.WriteLine();
        Console.WriteLine($"Load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>A bare HttpClient POSTing <paramref name="bodies"/> to Users, <paramref name="concurrency"/> at a time;
    /// returns the seconds from the first request's start to the last response's end.</summary>
    private static async Task<double> LoadGenerator(ScimServerProcess server, string[] bodies, int concurrency)
    {
        var clock = new RequestClock(null);
        using var http = server.Client(new ClockHandler(clock) { InnerHandler = new SocketsHttpHandler() });
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimSchemas.MediaType));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var mediaType = new MediaTypeHeaderValue(ScimSchemas.MediaType) { CharSet = "utf-8" };
        var failed = 0;
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (body, ct) =>
        {
            using var content = new StringContent(body, mediaType);
            using var response = await http.PostAsync(new Uri("Users", UriKind.Relative), content, ct);
            _ = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Interlocked.Increment(ref failed);
            }
        });
        if (failed > 0 || await server.Users() != bodies.Length)
        {
            throw new InvalidOperationException($"The load generator's run failed: {failed} POSTs were not answered 201.");
        }
        return clock.Seconds;
    }

    /// <summary>
    /// A sync of the destination over freshly stored workers, in a new SQLite database: returns the seconds from the
    /// first POST's start to the last one's end, and the whole <see cref="DestinationSync.Run"/>. With
    /// <paramref name="capture"/>, each POST body is added to it.
    /// </summary>
    private static async Task<(double Apply, double Whole)> Engine(ScimServerProcess server, ApplyScenario scenario, int concurrency, ConcurrentQueue<string>? capture)
    {
        var directory = Directory.CreateTempSubdirectory("headwater-apply-").FullName;
        try
        {
            var clock = new RequestClock(capture);
            var scim = new ScimOptions { BaseUrl = server.BaseUrl, BearerToken = server.Token };
            var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddHeadwaterData(new DataOptions(directory, null)).AddScim(Destination, scim);
            services.AddHttpClient(ScimServices.HttpClientName(Destination)).AddHttpMessageHandler(() => new ClockHandler(clock));
            await using var provider = services.BuildServiceProvider();
            await using (var seeding = provider.CreateAsyncScope())
            {
                await scenario.Seed(seeding.ServiceProvider.GetRequiredService<HeadwaterDb>());
            }
            var kind = new ScimKind();
            var settings = new DestinationSettings(Destination, kind, scim, scenario.Mapper, new SyncPolicy { MatchBy = kind.MatchBy }, SafetyLimits.None,
                WorkerScope.Everyone, GroupRules.None, concurrency);
            // The workers are seeded: UKG is not read, so its connection is never used.
            var ukg = new Settings(new UkgConnection(new Uri("https://ukg.invalid/"), "-", "-", "-", null, "UTC"), new DataOptions(directory, null), null);
            var stopwatch = Stopwatch.StartNew();
            var result = await SyncEngine.Run(provider, new Integration(ukg, [settings]), new SyncRequest(Apply: true, NoRead: true));
            var outcome = result.Destinations.SingleOrDefault()
                ?? throw new InvalidOperationException("The engine's run failed: " + string.Join(" ", result.Failures.Select(f => f.Message)));
            var whole = stopwatch.Elapsed.TotalSeconds;
            var run = outcome.Run;
            if (run.Status != SyncRunStatus.Succeeded || run.Creates != scenario.Hires.Count || run.Applied != run.Creates || run.Updates + run.Deactivations + run.Reactivations + run.Deletions > 0)
            {
                throw new InvalidOperationException($"The engine's run was not {scenario.Hires.Count} applied creates: {run.Status}, {run.Creates} creates, {run.Applied} applied, {run.Failed} failed. {(outcome.FailedChanges.Count > 0 ? outcome.FailedChanges[0].Error : null)}");
            }
            if (await server.Users() != scenario.Hires.Count)
            {
                throw new InvalidOperationException("The SCIM server does not hold the accounts the engine created.");
            }
            return (clock.Seconds, whole);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>From the first request's start to the last response's end, across threads.</summary>
    private sealed class RequestClock(ConcurrentQueue<string>? capture)
    {
        private readonly Lock _lock = new();
        private long _first = long.MaxValue;
        private long _last;

        public ConcurrentQueue<string>? Capture => capture;

        public double Seconds => Stopwatch.GetElapsedTime(_first, _last).TotalSeconds;

        public void Started(long timestamp)
        {
            lock (_lock)
            {
                _first = Math.Min(_first, timestamp);
            }
        }

        public void Ended(long timestamp)
        {
            lock (_lock)
            {
                _last = Math.Max(_last, timestamp);
            }
        }
    }

    /// <summary>Times every POST (each attempt, as the innermost handler) and, when asked, keeps its body.</summary>
    private sealed class ClockHandler(RequestClock clock) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Post)
            {
                return await base.SendAsync(request, cancellationToken);
            }
            if (clock.Capture is { } capture && request.Content is { } content)
            {
                capture.Enqueue(await content.ReadAsStringAsync(cancellationToken));
            }
            clock.Started(Stopwatch.GetTimestamp());
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            clock.Ended(Stopwatch.GetTimestamp());
            return response;
        }
    }
}

/// <summary>
/// New hires to create, with their managers, who already have accounts, stored as a full read and a previous
/// sync would have left them: so the plan is exactly one create per new hire, each linked to its manager.
/// </summary>
internal sealed record ApplyScenario(Mapper Mapper, IReadOnlyList<Worker> Managers, IReadOnlyList<Worker> Hires, IReadOnlyList<KnownAccount> ManagerAccounts)
{
    public static ApplyScenario Create(int hires)
    {
        var mapper = Mapper.Create(ScimMapping.Defaults);
        var workers = Workforce.Build(hires * 4 / 3 + 100);
        var managers = workers[..(workers.Count / Workforce.ReportsPerManager)];
        var newHires = workers[managers.Count..].Where(Workforce.WantsAccount).Take(hires).ToList();
        if (newHires.Count < hires)
        {
            throw new InvalidOperationException($"Only {newHires.Count} of {hires} new hires could be generated.");
        }
        var accounts = managers.Select((m, i) => Workforce.AccountOf(m, mapper, string.Create(CultureInfo.InvariantCulture, $"manager-{i + 1:D6}"))).ToList();
        return new ApplyScenario(mapper, managers, newHires, accounts);
    }

    /// <summary>Migrates the database and stores the workers (one successful full read) and the managers' accounts.</summary>
    public async Task Seed(HeadwaterDb db)
    {
        await db.PrepareAsync();
        var now = TimeProvider.System.GetUtcNow();
        var read = new ReadRun
        {
            Mode = "Full", StartedAt = now.AddSeconds(-1), FinishedAt = now, Succeeded = true, Workers = Managers.Count + Hires.Count,
            Added = Managers.Count + Hires.Count,
        };
        db.ReadRuns.Add(read);
        await db.SaveChangesAsync();
        foreach (var worker in Managers.Concat(Hires))
        {
            var fields = WorkerAttributes.Of(worker);
            var record = WorkerRead.Record(worker, fields, WorkerFields.Hash(fields, worker.Issues), new WorkerSource(worker.Id, [], [], []), now);
            // As the read leaves them: seen and changed by it, so the current workers are those it saw.
            (record.SeenInRead, record.ChangedInRead) = (read.Id, read.Id);
            db.Workers.Add(record);
        }
        foreach (var account in ManagerAccounts)
        {
            db.Accounts.Add(new AccountRecord
            {
                Destination = "scim",
                AccountId = account.AccountId,
                WorkerId = account.WorkerId,
                Ownership = account.Ownership.ToString(),
                Active = account.Active,
                Values = StoredState.Json(new Dictionary<string, string?>(account.Values, StringComparer.Ordinal)),
                ExternalId = account.ExternalId,
                UserName = account.UserName,
                Email = account.Email,
                ManagerWorkerId = account.ManagerWorkerId,
                DeactivatedAt = account.DeactivatedAt,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
