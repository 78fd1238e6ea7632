using System.Globalization;
using Headwater.Data;

namespace Headwater.Syncing;

public sealed partial class DestinationSync
{
    /// <summary>Change records written in each batch when the plan is recorded while it is applied.</summary>
    private const int RecordedAhead = 500;

    /// <summary>
    /// Writes the plan's change records, in the plan's order. A change is applied only once its record is written
    /// (<see cref="PlanRecording.Recorded"/>), so a run stopped midway holds a record of every change it may have applied,
    /// which the next run's recovery reads back. With <paramref name="ahead"/>, only the first batch is written here
    /// and the applying writes the others as it goes (<see cref="PlanRecording.WriteNext"/>); without, all of them (a
    /// plan that is not applied, or one delivered or turned into events as a whole).
    /// </summary>
    private async Task<PlanRecording> Record(SyncRun run, List<ChangeRecord> records, ChangeDetails details, bool ahead,
        CancellationToken cancellationToken)
    {
        var first = ahead ? Math.Min(RecordedAhead, records.Count) : records.Count;
        foreach (var (start, end) in Batches(0, first, 2_000))
        {
            await SavePlanned(run, records, details, start, end, cancellationToken);
        }
        return new PlanRecording(first, [.. Batches(first, records.Count, RecordedAhead)],
            batch => SavePlanned(run, records, details, batch.Start, batch.End, cancellationToken));
    }

    /// <summary>The indexes from <paramref name="from"/> up to <paramref name="to"/>, in ranges of <paramref name="size"/>.</summary>
    private static IEnumerable<(int Start, int End)> Batches(int from, int to, int size)
    {
        for (var start = from; start < to; start += size)
        {
            yield return (start, Math.Min(to, start + size));
        }
    }

    /// <summary>Records the plan's changes from <paramref name="start"/> up to <paramref name="end"/> as planned, each
    /// given its id.</summary>
    private Task SavePlanned(SyncRun run, List<ChangeRecord> records, ChangeDetails details, int start, int end,
        CancellationToken cancellationToken)
    {
        details.Describe(records, start, end);
        return InTransaction(async () =>
        {
            await using var insert = await RowStatement.InsertAsync<ChangeRecord>(db, cancellationToken);
            for (var i = start; i < end; i++)
            {
                var record = records[i];
                record.RunId = run.Id;
                record.Id = Convert.ToInt64(await insert.RunAsync(record, cancellationToken), CultureInfo.InvariantCulture);
            }
        }, cancellationToken);
    }

    /// <summary>The change records still to write after the first <paramref name="first"/>, in batches.</summary>
    private sealed class PlanRecording(int first, List<(int Start, int End)> rest, Func<(int Start, int End), Task> save)
    {
        private readonly TaskCompletionSource[] _written =
            [.. rest.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

        private int _next;

        public bool Pending => _next < rest.Count;

        /// <summary>Completes once the record of the plan's change at <paramref name="index"/> is written.</summary>
        public Task Recorded(int index) => index < first ? Task.CompletedTask : _written[(index - first) / RecordedAhead].Task;

        /// <summary>Writes the next batch, on the run's own flow: the records share the database with the outcomes.</summary>
        public async Task WriteNext()
        {
            var batch = _next++;
            await save(rest[batch]);
            _written[batch].SetResult();
        }
    }
}
