using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Core.Scoping;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Ui;

/// <summary>Who a scope takes among the stored workers (those the latest full read still saw, as a sync plans them), with
/// a few names on each side.</summary>
public sealed record ScopeCount(int In, int Out, IReadOnlyList<string> InNames, IReadOnlyList<(string Name, string Why)> OutNames)
{
    public const int Examples = 5;
}

/// <summary>What the Policy page shows for a form's (unsaved) policy and scope: the configuration validator's problems by
/// key (<c>lifecycle.leave</c>, <c>scope[1]</c>) and, when it is valid, who is in and out of scope.</summary>
public sealed partial record PolicyPreview(IReadOnlyDictionary<string, string[]> Problems, ScopeCount? Count, Integration? Proposed, IntegrationConfig Model)
{
    public static async Task<PolicyPreview> ComputeAsync(HeadwaterDb db, WorkerColumnsCache columns, IntegrationRecord record, int index,
        PolicyForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(form);
        var model = record.Model();
        var destinations = model.Destinations.ToList();
        destinations[index] = form.Apply(destinations[index], out var ruleRows);
        model = model with { Destinations = destinations, Name = record.Name };
        var secrets = record.Secrets.ToDictionary(s => s.Variable, s => s.Value, StringComparer.Ordinal);
        try
        {
            var integration = IntegrationFile.Validate(model, secrets.GetValueOrDefault, sourceName: $"integration '{record.Name}'");
            db.IntegrationId = record.Id;
            return new(new Dictionary<string, string[]>(), await CountAsync(db, columns, integration.Destinations[index].Scope,
                cancellationToken),
                integration, model);
        }
        catch (ConfigurationException e)
        {
            return new(Assign(e, index, ruleRows), null, null, model);
        }
    }

    /// <summary>Problems by the form's key: <c>lifecycle.x</c>, <c>scope[row]</c> (the form's row), or <c>""</c> for the rest.</summary>
    public static Dictionary<string, string[]> Assign(ConfigurationException e, int index, IReadOnlyList<int> ruleRows)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(ruleRows);
        var prefix = $"destinations[{index}].";
        return e.Problems.Select(problem => problem.Split(": ", 2)).GroupBy(parts =>
        {
            var path = parts.Length == 2 && parts[0].StartsWith(prefix, StringComparison.Ordinal) ? parts[0][prefix.Length..] : "";
            var close = path.IndexOf(']', StringComparison.Ordinal);
            if (path.StartsWith("scope[", StringComparison.Ordinal) && int.TryParse(path.AsSpan(6, Math.Max(0, close - 6)), out var rule)
                && rule < ruleRows.Count)
            {
                return $"scope[{ruleRows[rule]}]";
            }
            return path.StartsWith("lifecycle.", StringComparison.Ordinal) || path.StartsWith("safety.", StringComparison.Ordinal) ? path : "";
        }).ToDictionary(g => g.Key, g => g.Select(parts => g.Key.Length == 0 ? string.Join(": ", parts) : parts[^1]).ToArray());
    }

    /// <summary>Counts the current stored workers the scope takes and leaves out. Each stored worker's fields are the
    /// attributes scope rules read (<c>WorkerAttributes.Of</c>, as stored by the read), so they are tested as stored, from
    /// the integration's <see cref="WorkerColumns"/>.</summary>
    public static async Task<ScopeCount> CountAsync(HeadwaterDb db, WorkerColumnsCache columns, WorkerScope scope,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Rules.Count == 0 && await columns.KeptAsync(db, cancellationToken) is { } kept)
        {
            return new(kept.Count, 0, [.. kept.Names.Take(ScopeCount.Examples)], []);
        }
        if (scope.Rules.Count == 0)
        {
            // Counted in SQL: nobody's fields need reading.
            var current = (await StoredState.CurrentWorkers(db, cancellationToken)).OrderBy(w => w.DisplayName).ThenBy(w => w.Id);
            return new(await current.CountAsync(cancellationToken), 0,
                await current.Select(w => w.DisplayName).Take(ScopeCount.Examples).ToListAsync(cancellationToken), []);
        }
        var stored = await columns.GetAsync(db, cancellationToken);
        var verdicts = stored.Verdicts(scope);
        var inside = Enumerable.Range(0, stored.Count).Where(i => verdicts.In[i]);
        var outside = Enumerable.Range(0, stored.Count).Where(i => !verdicts.In[i]);
        var count = verdicts.In.Count(i => i);
        return new(count, stored.Count - count, [.. inside.Take(ScopeCount.Examples).Select(i => stored.Names[i])],
            [.. outside.Take(ScopeCount.Examples).Select(i => (stored.Names[i], verdicts.Why(i)!))]);
    }
}
