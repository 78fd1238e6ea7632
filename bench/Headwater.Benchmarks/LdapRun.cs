using System.Diagnostics;
using System.Globalization;
using System.Text;
using Headwater.Configuration;
using Headwater.Connectors.Ldap;
using Headwater.Connectors.Ukg;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Data;
using Headwater.Syncing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>ldap [--entries 10000] [--concurrency 8] [--rounds 5]</c>: a throwaway OpenLDAP slapd (eng/slapd.sh, ports 57221/57222)
/// synced by the engine with the openldap profile from empty, re-synced with nothing changed, then re-synced with
/// every entry's title changed; against ldapadd and ldapmodify (ldap-utils) sending the same entries and the same
/// modifications, as the same service account, to the same server, in the same run. The LDIF is made from what
/// Headwater wrote: the entries as the directory holds them after its sync, and the attributes its modify changed.
/// </summary>
internal static class LdapRun
{
    private const string Destination = "directory";

    /// <summary>How many people a service has synced before its pass is timed.</summary>
    private const int WarmUp = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var entries = 10_000;
        var concurrency = 8;
        var rounds = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--entries":
                    entries = int.Parse(args[++i].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    break;
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}");
                    return 2;
            }
        }
        // Two passes, with workers and OUs of their own: the first in a process that has not synced before, as a
        // command-line sync runs; the second as a service runs once it has synced for a while, in rounds, since the
        // machine's speed (and ldap-utils' with it) moves from one minute to the next.
        var people = Workers(entries, 1 + rounds);
        Console.WriteLine(Invariant(
            $"{entries:N0} entries, concurrency {concurrency}. Machine: {Machine.Describe()}; /proc/loadavg before: {LoadAverage()}"));
        await using var slapd = await SlapdProcess.StartAsync();
        Console.WriteLine();
        Console.WriteLine("#### The first sync in a new process (a command-line sync)");
        Print(entries, [await Pass(slapd, people[0], concurrency, null)]);
        var directory = Directory.CreateTempSubdirectory("headwater-ldap-bench-").FullName;
        try
        {
            await using var service = new ServiceSyncs(new DataOptions(directory, null));
            // The service's first syncs, of other people into an OU of their own, untimed: what they compile (EF's
            // queries on the service's database, the hot code's optimised versions) a service has long had.
            await Syncs(slapd, people[0][..Math.Min(WarmUp, entries)], concurrency, (service, 1));
            var compiled = await JitSettledAsync();
            Console.WriteLine();
            Console.WriteLine(Invariant(
                $"#### A service, after syncing {WarmUp:N0} others ({compiled:N0} methods compiled in the process); {rounds} rounds"));
            var timed = new List<PassTimings>();
            for (var round = 1; round <= rounds; round++)
            {
                timed.Add(await Pass(slapd, people[round], concurrency, (service, 1 + round)));
            }
            Print(entries, timed);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
        Console.WriteLine();
        Console.WriteLine($"/proc/loadavg after: {LoadAverage()}");
        return 0;
    }

    /// <summary>Waits until the tiered compiler has compiled no method for a second (it recompiles hot methods in the
    /// background for a while after they get hot); returns how many it compiled.</summary>
    private static async Task<long> JitSettledAsync()
    {
        var count = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == count)
            {
                return now;
            }
            count = now;
        }
    }

    /// <summary>Syncs <paramref name="workers"/> into a new OU (<see cref="Syncs"/>), then ldapadd and ldapmodify send
    /// the same into another new OU. <paramref name="service"/>: run as that service's integration with that id, else
    /// as the command line runs.</summary>
    private static async Task<PassTimings> Pass(SlapdProcess slapd, List<Core.Workers.Worker> workers, int concurrency,
        (ServiceSyncs Syncs, int Id)? service)
    {
        var toolsOu = slapd.NewOu("tools");
        var (engineOu, create, resync, modify, created, modified) = await Syncs(slapd, workers, concurrency, service);
        var ldapadd = slapd.Tool("ldapadd", Ldif.Moved(created, engineOu, toolsOu));
        var ldapmodify = slapd.Tool("ldapmodify", Ldif.Moved(Ldif.Modifications(created, modified), engineOu, toolsOu));
        if (Ldif.Parse(slapd.Dump(toolsOu)).Count != workers.Count)
        {
            throw new InvalidOperationException("ldapadd did not add every entry.");
        }
        return new PassTimings(create, ldapadd, modify, ldapmodify, resync);
    }

    /// <summary>The tables: each pass's (or round's) rows, their median when there are several, and processor times.</summary>
    private static void Print(int entries, List<PassTimings> passes)
    {
        string Label(string operation, int i) => passes.Count == 1 ? operation : Invariant($"{operation}, round {i + 1}");
        Console.WriteLine();
        Console.WriteLine("| Operation | Entries | Headwater (whole sync) | ldap-utils | Headwater / ldap-utils | Applying alone "
            + "| Applying / ldap-utils |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (operation, pick) in new (string, Func<PassTimings, (Timing, Timing)>)[]
            { ("create vs ldapadd", p => (p.Create, p.Ldapadd)), ("modify vs ldapmodify", p => (p.Modify, p.Ldapmodify)) })
        {
            for (var i = 0; i < passes.Count; i++)
            {
                var (headwater, tool) = pick(passes[i]);
                Row(Label(operation, i), entries, headwater, tool);
            }
            if (passes.Count > 1)
            {
                var pairs = passes.Select(pick).ToList();
                Console.WriteLine(Invariant($"| {operation}, median of {passes.Count} | {entries:N0} | ")
                    + Invariant($"{Median(pairs.Select(p => p.Item1.Seconds)):N2} s | {Median(pairs.Select(p => p.Item2.Seconds)):N2} s | ")
                    + Invariant($"**{Median(pairs.Select(p => p.Item2.Seconds / p.Item1.Seconds)):P0}** | ")
                    + Invariant($"{Median(pairs.Select(p => p.Item1.Applying ?? double.NaN)):N2} s | ")
                    + Invariant($"{Median(pairs.Select(p => p.Item2.Seconds / (p.Item1.Applying ?? double.NaN))):P0} |"));
            }
        }
        for (var i = 0; i < passes.Count; i++)
        {
            var resync = passes[i].Resync.Seconds;
            Console.WriteLine(Invariant($"| {Label("re-sync, nothing changed", i)} | {entries:N0} | {resync:N2} s | | | | |"));
        }
        Console.WriteLine();
        Console.WriteLine("Processor seconds used during each run, by the client (Headwater's process or the tool) and by slapd; for");
        Console.WriteLine("Headwater's runs, the time to load the stored state, then to plan and record until the first change is");
        Console.WriteLine("applied, and the garbage collections of its process (counted by GC.CollectionCount, so gen 0 includes 1 and 2):");
        Console.WriteLine();
        Console.WriteLine("| Run | Elapsed | Client | slapd | Loading | Planning and recording | Collections (gen 0/1/2) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < passes.Count; i++)
        {
            var p = passes[i];
            foreach (var (name, timing) in new[] { ("Headwater create", p.Create), ("ldapadd", p.Ldapadd), ("Headwater modify", p.Modify),
                ("ldapmodify", p.Ldapmodify), ("Headwater re-sync", p.Resync) })
            {
                var planning = timing.Seconds - timing.Applying - timing.Loading;
                var collections = timing.Collections is var (gen0, gen1, gen2) ? Invariant($"{gen0}/{gen1}/{gen2}") : "";
                Console.WriteLine(Invariant($"| {Label(name, i)} | {timing.Seconds:N2} s | {timing.ClientCpu:N2} s | {timing.ServerCpu:N2} s | ")
                    + Invariant($"{Seconds(timing.Loading)} | {Seconds(planning)} | {collections} |"));
            }
        }
    }

    private static string Seconds(double? value) => value is { } seconds ? Invariant($"{seconds:N2} s") : "";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Syncs <paramref name="workers"/>, stored as a full read would have left them, into a new OU: from empty,
    /// again with nothing changed, and again with everyone's title changed. Returns the OU, the three runs' timings,
    /// and the OU's entries after the first and the third.</summary>
    private static async Task<(string Ou, Timing Create, Timing Resync, Timing Modify, string Created, string Modified)> Syncs(
        SlapdProcess slapd, List<Core.Workers.Worker> workers, int concurrency, (ServiceSyncs Syncs, int Id)? service)
    {
        var entries = workers.Count;
        var engineOu = slapd.NewOu("headwater");
        var directory = Directory.CreateTempSubdirectory("headwater-ldap-bench-").FullName;
        try
        {
            var options = new LdapOptions
            {
                Url = slapd.Url, BindDn = slapd.BindDn, Password = slapd.Password, BaseDn = engineOu, CaFile = slapd.CaFile,
                Unique = new HashSet<string>(["uid"], StringComparer.OrdinalIgnoreCase),
            };
            var mappings = LdapMapping.For(LdapProfile.OpenLdap, null, null);
            var integration = Integration(directory, options, mappings, concurrency);
            var scenario = new ApplyScenario(integration.Destinations[0].Mapper, [], workers, []);
            Func<Integration, SyncRequest, PhaseClock, Task<SyncResult>> sync;
            if (service is var (syncs, id))
            {
                await syncs.Use(id, scenario.Seed);
                sync = (integration, request, clock) => syncs.Run(id, integration, request, clock);
            }
            else
            {
                await using var services = SyncServices.Build(integration);
                await using var seeding = services.CreateAsyncScope();
                await scenario.Seed(seeding.ServiceProvider.GetRequiredService<HeadwaterDb>());
                sync = (integration, request, clock) => SyncEngine.Run(integration, request, clock);
            }
            var apply = new SyncRequest(Apply: true, NoRead: true);
            var create = await Sync(slapd, sync, integration, apply, run => run.Creates == entries && run.Applied == entries);
            var created = slapd.Dump(engineOu);
            var resync = await Sync(slapd, sync, integration, apply, run => run.Creates + run.Updates + run.Deactivations == 0);
            // Everyone's title changes: the mapping appends to it, so the engine plans one modify per entry.
            var changed = mappings.Select(m => m.Target == "title" ? m with { Expression = "primary.jobTitle + ' (acting)'" } : m).ToList();
            var modifyIntegration = Integration(directory, options, changed, concurrency);
            var modify = await Sync(slapd, sync, modifyIntegration, new SyncRequest(Apply: true, NoRead: true, Everyone: true),
                run => run.Updates == entries && run.Applied == entries);
            return (engineOu, create, resync, modify, created, slapd.Dump(engineOu));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A row: the whole sync against the tool, and its applying phase alone (after loading and planning,
    /// and recording the plan's first 500 changes) against the tool.</summary>
    private static void Row(string operation, int entries, Timing headwater, Timing tool)
    {
        var (whole, applying, sent) = (headwater.Seconds, headwater.Applying ?? double.NaN, tool.Seconds);
        Console.WriteLine(Invariant($"| {operation} | {entries:N0} | {entries / whole:N0}/s ({whole:N2} s) | ")
            + Invariant($"{entries / sent:N0}/s ({sent:N2} s) | ")
            + Invariant($"**{sent / whole:P0}** | {entries / applying:N0}/s ({applying:N2} s) | {sent / applying:P0} |"));
    }

    /// <summary><paramref name="parts"/> lists of <paramref name="count"/> workers who get an account, each with its
    /// managers among its own (a manager elsewhere, or who would not get an account, is dropped from the reports).</summary>
    private static List<List<Core.Workers.Worker>> Workers(int count, int parts)
    {
        var wanted = Workforce.Build(count * parts * 11 / 10 + 100).Where(Workforce.WantsAccount).Take(count * parts).ToList();
        if (wanted.Count < count * parts)
        {
            throw new InvalidOperationException($"Only {wanted.Count} workers could be generated.");
        }
        var part = wanted.Select((w, i) => (w.Id, Part: i / count)).ToDictionary(p => p.Id, p => p.Part, StringComparer.Ordinal);
        bool ManagedElsewhere(Core.Workers.Worker worker, int index) =>
            worker.ManagerId is { } manager && part.GetValueOrDefault(manager, -1) != index / count;
        return [.. wanted.Select((w, i) => ManagedElsewhere(w, i) ? w with { ManagerId = null } : w).Chunk(count).Select(c => c.ToList())];
    }

    private static Integration Integration(string directory, LdapOptions options, IReadOnlyList<AttributeMapping> mappings, int concurrency)
    {
        var kind = new LdapKind();
        var settings = new DestinationSettings(Destination, kind, options, Mapper.Create(mappings),
            new SyncPolicy { MatchBy = LdapMapping.MatchBy(LdapProfile.OpenLdap) }, SafetyLimits.None, WorkerScope.Everyone,
            GroupRules.None, concurrency)
        {
            // As read from a file: a run after one that applied everything plans only who changed since, as a CLI's or
            // a service's would; a change of mapping plans everyone again.
            Fingerprint = string.Join(";", mappings.Select(m => $"{m.Target}={m.Expression}")),
        };
        // The workers are seeded: UKG is not read, so its connection is never used.
        var ukg = new Settings(new UkgConnection(new Uri("https://ukg.invalid/"), "-", "-", "-", null, "UTC"),
            new DataOptions(directory, null), null);
        return new Integration(ukg, [settings]);
    }

    /// <summary>One engine run, timed whole (planning, applying and recording in SQLite) and from the start of its
    /// applying phase; fails unless it did what <paramref name="expected"/> says.</summary>
    private static async Task<Timing> Sync(SlapdProcess slapd, Func<Integration, SyncRequest, PhaseClock, Task<SyncResult>> sync,
        Integration integration, SyncRequest request,
        Func<Data.SyncRun, bool> expected)
    {
        var (clock, client, server) = (new PhaseClock(), Process.GetCurrentProcess().TotalProcessorTime, slapd.ServerCpu());
        var collections = Collections();
        var result = await sync(integration, request, clock);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = Collections();
        var timing = new Timing(seconds, seconds - clock.FirstReported(SyncPhase.Applying)?.TotalSeconds,
            (Process.GetCurrentProcess().TotalProcessorTime - client).TotalSeconds, slapd.ServerCpu() - server)
        {
            Loading = clock.FirstReported(SyncPhase.Planning)?.TotalSeconds,
            Collections = (after.Gen0 - collections.Gen0, after.Gen1 - collections.Gen1, after.Gen2 - collections.Gen2),
        };
        var outcome = result.Destinations.SingleOrDefault()
            ?? throw new InvalidOperationException("The engine's run failed: " + string.Join(" ", result.Failures.Select(f => f.Message)));
        var run = outcome.Run;
        if (run.Status != SyncRunStatus.Succeeded || run.Failed > 0 || !expected(run))
        {
            throw new InvalidOperationException($"The engine's run was not as expected: {run.Status}, {run.Creates} creates, " +
                $"{run.Updates} updates, {run.Applied} applied, {run.Failed} failed. " +
                (outcome.FailedChanges.Count > 0 ? outcome.FailedChanges[0].Error : null));
        }
        return timing;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    private static (int Gen0, int Gen1, int Gen2) Collections() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    private sealed record PassTimings(Timing Create, Timing Ldapadd, Timing Modify, Timing Ldapmodify, Timing Resync);
}

/// <summary>LDIF as ldapsearch writes it (one line per value, no wrapping): entries, and the modifications between two dumps.</summary>
internal static class Ldif
{
    /// <summary>The entries (DN and "attribute: value" lines) of an <c>ldapsearch -LLL -o ldif-wrap=no</c> output, in order.</summary>
    public static List<(string Dn, List<string> Lines)> Parse(string text)
    {
        var entries = new List<(string, List<string>)>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = block.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            if (lines.Count > 0 && lines[0].StartsWith("dn:", StringComparison.Ordinal))
            {
                entries.Add((lines[0], lines[1..]));
            }
        }
        return entries;
    }

    public static string Entries(IEnumerable<(string Dn, List<string> Lines)> entries)
    {
        var text = new StringBuilder();
        foreach (var (dn, lines) in entries)
        {
            text.Append(dn).Append('\n');
            lines.ForEach(l => text.Append(l).Append('\n'));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>For each entry, a replace of every attribute whose values differ between the dumps (what the
    /// destination sends: only the changed attributes, in one modify per entry).</summary>
    public static string Modifications(string before, string after)
    {
        var old = Parse(before).ToDictionary(e => e.Dn, e => e.Lines, StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder();
        foreach (var (dn, lines) in Parse(after))
        {
            var was = old.GetValueOrDefault(dn) ?? throw new InvalidOperationException($"{dn} was renamed or added by the modify run.");
            var now = Grouped(lines);
            var then = Grouped(was);
            var differing = now.Where(a => !then.TryGetValue(a.Key, out var v) || !v.SequenceEqual(a.Value)).ToList();
            var removed = then.Keys.Where(k => !now.ContainsKey(k)).ToList();
            if (differing.Count == 0 && removed.Count == 0)
            {
                continue;
            }
            text.Append(dn).Append("\nchangetype: modify\n");
            foreach (var (attribute, values) in differing)
            {
                text.Append("replace: ").Append(attribute).Append('\n');
                values.ForEach(v => text.Append(v).Append('\n'));
                text.Append("-\n");
            }
            removed.ForEach(attribute => text.Append("delete: ").Append(attribute).Append("\n-\n"));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The LDIF with every DN under <paramref name="from"/> put under <paramref name="to"/> (manager values too).</summary>
    public static string Moved(string ldif, string from, string to) =>
        ldif.Replace("," + from, "," + to, StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, List<string>> Grouped(List<string> lines) => lines
        .GroupBy(l => l[..l.IndexOf(':', StringComparison.Ordinal)], StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
}
