using System.Collections.Concurrent;
using System.Text.Json;
using Headwater.Core.Scoping;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Ui;

/// <summary>What the stored workers were when <see cref="WorkerColumns"/> were built: the latest read (and whether it had
/// finished), how many workers are stored and the latest read that changed one. Any read, finished or not, changes it.</summary>
public readonly record struct WorkerColumnsVersion(int LatestRead, bool Finished, int Workers, int LatestChange)
{
    public static async Task<WorkerColumnsVersion> OfAsync(HeadwaterDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var read = await db.ReadRuns.AsNoTracking().OrderByDescending(r => r.Id).Select(r => new { r.Id, r.FinishedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return new(read?.Id ?? 0, read?.FinishedAt is not null, await db.Workers.CountAsync(cancellationToken),
            await db.Workers.MaxAsync(w => (int?)w.ChangedInRead, cancellationToken) ?? 0);
    }
}

/// <summary>
/// The current workers' stored fields (<see cref="StoredState.CurrentWorkers"/>) by attribute, in the Policy page's order
/// (display name, then id): each attribute's distinct values, and each worker's value as a code into them (0: none). A
/// scope rule is then tested once per distinct value, not once per worker's JSON. The codes take a byte, two bytes or
/// four per worker, as the attribute's number of distinct values needs.
/// </summary>
public sealed partial class WorkerColumns
{
    private const int KeptRules = 64;
    private readonly Dictionary<string, Column> _columns;
    private readonly ConcurrentDictionary<string, string?[]> _reasons = new(StringComparer.Ordinal);

    /// <summary>The stored issues (JSON) of the few workers who have any, by row.</summary>
    private readonly Dictionary<int, string> _issues;

    private WorkerColumns(WorkerColumnsVersion version, string[] ids, string[] names, string[] states,
        Dictionary<string, Column> columns, Dictionary<int, string> issues)
    {
        Version = version;
        Ids = ids;
        Names = names;
        States = states;
        _columns = columns;
        _issues = issues;
    }

    public WorkerColumnsVersion Version { get; }
    public IReadOnlyList<string> Ids { get; }
    public IReadOnlyList<string> Names { get; }

    /// <summary>Each worker's lifecycle state as stored.</summary>
    public IReadOnlyList<string> States { get; }
    public int Count => Ids.Count;
    public int Attributes => _columns.Count;

    /// <summary>Reads every current worker's fields once, streaming (a JSON reader over each, nothing deserialised).</summary>
    public static async Task<WorkerColumns> BuildAsync(HeadwaterDb db, WorkerColumnsVersion version, CancellationToken cancellationToken)
    {
        var current = (await StoredState.CurrentWorkers(db, cancellationToken)).OrderBy(w => w.DisplayName).ThenBy(w => w.Id)
            .Select(w => new { w.Id, w.DisplayName, w.State, w.Fields, w.Issues });
        var builder = new Builder(version.Workers);
        await foreach (var row in current.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.Add(row.Id, row.DisplayName, row.State, row.Fields, row.Issues);
        }
        return builder.Build(version);
    }

    /// <summary>Worker <paramref name="worker"/> as stored, rebuilt from the columns: what <see cref="StoredState.Workers"/>
    /// decodes from the database, without reading it again.</summary>
    public Worker WorkerAt(int worker)
    {
        var fields = new Dictionary<string, string?>(_columns.Count, StringComparer.Ordinal);
        foreach (var (name, column) in _columns)
        {
            if (column.Code(worker) is var code and > 0)
            {
                fields[name] = column.Values[code];
            }
        }
        var issues = _issues.TryGetValue(worker, out var json)
            ? JsonSerializer.Deserialize(json, ReadingJson.Default.ListWorkerIssue) ?? [] : [];
        return StoredWorker.From(fields, issues);
    }

    /// <summary>Worker <paramref name="worker"/>'s stored value of <paramref name="attribute"/>; null when they have none.</summary>
    public string? Value(int worker, string attribute) =>
        _columns.GetValueOrDefault(attribute) is { } column ? column.Values[column.Code(worker)] : null;

    /// <summary>Each worker's verdict under <paramref name="scope"/>, as <see cref="WorkerScope.Excludes"/> gives it on the
    /// worker's stored fields: every rule is tested on each distinct value of its attribute.</summary>
    public ScopeVerdicts Verdicts(WorkerScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var inside = new bool[Count];
        Array.Fill(inside, true);
        var rules = new List<(Column? Column, string?[] Why)>(scope.Rules.Count);
        foreach (var rule in scope.Rules)
        {
            var column = _columns.GetValueOrDefault(rule.Attribute);
            var why = Reasons(rule, column);
            rules.Add((column, why));
            if (column is null)
            {
                if (why[0] is not null)
                {
                    Array.Clear(inside);
                }
                continue;
            }
            column.Exclude(why, inside);
        }
        return new ScopeVerdicts(inside, rules);
    }

    /// <summary>The rule's reason (null: met) for each distinct value of its attribute. Kept for the next count: the page
    /// counts again as one types, with every rule but one the same (a pattern over a value per worker costs the most).</summary>
    private string?[] Reasons(ScopeRule rule, Column? column)
    {
        var key = $"{rule.Test}\n{rule.Attribute}\n{string.Join('\n', rule.Values)}";
        if (_reasons.TryGetValue(key, out var kept))
        {
            return kept;
        }
        var one = new Dictionary<string, string?>(1, StringComparer.Ordinal);
        var why = (column?.Values ?? [null]).Select(value =>
        {
            one[rule.Attribute] = value;
            return rule.Why(one);
        }).ToArray();
        if (_reasons.Count >= KeptRules)
        {
            _reasons.Clear();
        }
        _reasons[key] = why;
        return why;
    }

    /// <summary>One attribute: its distinct values (index 0 is none) and each worker's code.</summary>
    internal sealed class Column(string?[] values, Array codes)
    {
        public string?[] Values { get; } = values;

        public int Code(int worker) => codes switch
        {
            byte[] small => small[worker],
            ushort[] medium => medium[worker],
            _ => ((int[])codes)[worker],
        };

        /// <summary>Clears <paramref name="inside"/> for every worker whose value fails (a reason in <paramref name="why"/>).</summary>
        public void Exclude(string?[] why, bool[] inside)
        {
            var fails = Array.ConvertAll(why, w => w is not null);
            switch (codes)
            {
                case byte[] small:
                    for (var i = 0; i < inside.Length; i++) { inside[i] &= !fails[small[i]]; }
                    break;
                case ushort[] medium:
                    for (var i = 0; i < inside.Length; i++) { inside[i] &= !fails[medium[i]]; }
                    break;
                default:
                    var large = (int[])codes;
                    for (var i = 0; i < inside.Length; i++) { inside[i] &= !fails[large[i]]; }
                    break;
            }
        }
    }

    /// <summary>Who a scope takes: <see cref="In"/> by worker, and why one is left out, worded as the planner words it.</summary>
    public sealed class ScopeVerdicts
    {
        private readonly List<(Column? Column, string?[] Why)> _rules;

        internal ScopeVerdicts(bool[] inside, List<(Column? Column, string?[] Why)> rules)
        {
            In = inside;
            _rules = rules;
        }

        public IReadOnlyList<bool> In { get; }

        /// <summary>Null when the worker is in scope; else every failed rule's reason, in the rules' order.</summary>
        public string? Why(int worker)
        {
            var reasons = _rules.Select(r => r.Why[r.Column?.Code(worker) ?? 0]).OfType<string>().ToList();
            return reasons.Count == 0 ? null : string.Join("; ", reasons);
        }
    }
}
