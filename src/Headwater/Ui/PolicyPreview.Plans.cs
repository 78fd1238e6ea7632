using Headwater.Configuration;
using Headwater.Core.Planning;
using Headwater.Core.Workers;

namespace Headwater.Ui;

public sealed partial record PolicyPreview
{
    /// <summary>Who the planner deactivates among stored workers, each worker rebuilt from the kept columns at most once:
    /// those out of scope by the accounts <paramref name="owned"/>, those in scope planned against <paramref name="planned"/>
    /// (<see cref="SaveAccounts"/>).</summary>
    private sealed class Plans(WorkerColumns stored, List<KnownAccount> owned, List<KnownAccount> planned, DateOnly today,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        private readonly Dictionary<int, Worker> _rebuilt = [];

        /// <summary>The ids of the workers in <paramref name="rows"/> whose accounts a plan under <paramref name="settings"/>
        /// deactivates, given who its scope takes (<paramref name="inScope"/>, as the planner decides it). One the scope
        /// leaves out is decided by their own account and the policy, as the planner decides them, without being rebuilt;
        /// the others are rebuilt and planned against the accounts.</summary>
        public HashSet<string> Deactivated(DestinationSettings settings, IReadOnlyList<bool> inScope, List<int> rows)
        {
            var outside = rows.Where(r => !inScope[r]).Select(r => Id(stored, r));
            var deactivated = Planner.DeactivatedOutOfScope(outside, owned, settings.Policy).ToHashSet(StringComparer.Ordinal);
            var inside = rows.FindAll(r => inScope[r]);
            if (inside.Count == 0)
            {
                return deactivated;
            }
            var missing = inside.FindAll(r => !_rebuilt.ContainsKey(r));
            var rebuilt = missing.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(stored.WorkerAt);
            foreach (var (row, worker) in missing.Zip(rebuilt))
            {
                _rebuilt[row] = worker;
            }
            var workers = inside.ConvertAll(r => _rebuilt[r]);
            var input = new PlanInput(settings.Name, workers, planned, settings.Policy, settings.Mapper, settings.Scope, today, now)
            {
                // Every worker planned is one whose change is wanted: the accounts of the others are not listed as absent.
                Only = workers.Select(w => w.Id).ToHashSet(StringComparer.Ordinal),
            };
            var plan = Planner.Create(input);
            deactivated.UnionWith(plan.Changes.Where(c => c.Kind == ChangeKind.Deactivate).Select(c => c.WorkerId));
            return deactivated;
        }
    }
}
