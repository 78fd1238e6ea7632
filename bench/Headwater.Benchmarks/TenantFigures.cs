using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>One tenant size's first sync and incremental syncs, and the load average before and after them.</summary>
internal sealed record TenantFigures(int Employees, int Groups, SyncFigures First, IReadOnlyList<SyncFigures> Incrementals, string Load)
{
    /// <summary>The incremental sync after some workers were renamed in UKG.</summary>
    public SyncFigures? Renamed { get; init; }

    public static void Print(IReadOnlyList<TenantFigures> tenants)
    {
        Console.WriteLine();
        Console.WriteLine("| Employees | Groups | First sync | Its SCIM requests | Its UKG calls | " +
            "Incremental, nothing changed (each run) | Its SCIM requests | Its UKG calls | Load average |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in tenants)
        {
            var times = string.Join(" / ", t.Incrementals.Select(i => Seconds(i.Total)));
            var scim = string.Join(" / ", t.Incrementals.Select(i => i.ScimTotal).Distinct());
            var ukg = string.Join(" / ", t.Incrementals.Select(i => i.UkgCalls).Distinct());
            var first = Invariant($"{Seconds(t.First.Total)} | {t.First.ScimTotal:N0} | {t.First.UkgCalls}");
            Console.WriteLine(Invariant($"| {t.Employees:N0} | {t.Groups} | {first} | {times} | {scim} | {ukg} | {t.Load} |"));
        }
        Console.WriteLine();
        Console.WriteLine("First sync:");
        Console.WriteLine();
        Console.WriteLine("| Employees | Full read | Planning reported | Applying reported | Total | SCIM requests |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---|");
        foreach (var t in tenants)
        {
            var f = t.First;
            var times = Invariant($"{Seconds(f.ReadTime)} | {Seconds(f.Planning)} | {Seconds(f.Applying)} | {Seconds(f.Total)}");
            Console.WriteLine(Invariant($"| {t.Employees:N0} | {times} | {f.DescribeScimCalls()} |"));
        }
        Console.WriteLine();
        Console.WriteLine("Incremental syncs:");
        Console.WriteLine();
        Console.WriteLine("| Employees | Run | Read | Read to planning (loading state) | Planning to end | Total | " +
            "Read found changed | SCIM requests |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var t in tenants)
        {
            foreach (var (i, run) in t.Incrementals.Select((i, n) => (i, n + 1)))
            {
                var times = Invariant($"{Seconds(i.ReadTime)} | {Seconds(i.Planning - i.ReadTime)} | {Seconds(i.Total - i.Planning)}");
                Console.WriteLine(Invariant(
                    $"| {t.Employees:N0} | {run} | {times} | {Seconds(i.Total)} | {i.Read.Changed:N0} | {i.DescribeScimCalls()} |"));
            }
            if (t.Renamed is { } r)
            {
                var times = Invariant($"{Seconds(r.ReadTime)} | {Seconds(r.Planning - r.ReadTime)} | {Seconds(r.Total - r.Planning)}");
                Console.WriteLine(Invariant(
                    $"| {t.Employees:N0} | after renames | {times} | {Seconds(r.Total)} | {r.Read.Changed:N0} | {r.DescribeScimCalls()} |"));
            }
        }
    }

    private static string Seconds(TimeSpan? time) => time is { } t ? Invariant($"{t.TotalSeconds:N2} s") : "–";
}
