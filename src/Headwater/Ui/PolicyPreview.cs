using System.Text;
using System.Text.Json;
using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Core.Planning;
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
public sealed record PolicyPreview(IReadOnlyDictionary<string, string[]> Problems, ScopeCount? Count, Integration? Proposed, IntegrationConfig Model)
{
    public static async Task<PolicyPreview> ComputeAsync(HeadwaterDb db, IntegrationRecord record, int index, PolicyForm form,
        CancellationToken cancellationToken)
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
            return new(new Dictionary<string, string[]>(), await CountAsync(db, integration.Destinations[index].Scope, cancellationToken),
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

    /// <summary>Counts the stored workers the scope takes and leaves out. Each stored worker's fields are the attributes
    /// scope rules read (<c>WorkerAttributes.Of</c>, as stored by the read), so they are tested as stored.</summary>
    public static async Task<ScopeCount> CountAsync(HeadwaterDb db, WorkerScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        // Who a sync plans from: the workers the latest full read returned, or a later read (SeenInRead is the read's id).
        var lastFull = await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded && r.Mode == "Full")
            .MaxAsync(r => (int?)r.Id, cancellationToken);
        var current = db.Workers.AsNoTracking().Where(w => lastFull == null || w.SeenInRead >= lastFull)
            .OrderBy(w => w.DisplayName).ThenBy(w => w.Id);
        if (scope.Rules.Count == 0)
        {
            // Counted in SQL: nobody's fields need reading.
            return new(await current.CountAsync(cancellationToken), 0,
                await current.Select(w => w.DisplayName).Take(ScopeCount.Examples).ToListAsync(cancellationToken), []);
        }
        var rows = await current.Select(w => new { w.DisplayName, w.Fields }).ToListAsync(cancellationToken);
        string[] names = [.. scope.Rules.Select(r => r.Attribute).Distinct(StringComparer.Ordinal)];
        var verdicts = rows.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(row => (row.DisplayName, Why: scope.Excludes(Named(row.Fields, names)))).ToList();
        var inside = verdicts.Where(v => v.Why is null).ToList();
        return new(inside.Count, verdicts.Count - inside.Count, [.. inside.Take(ScopeCount.Examples).Select(v => v.DisplayName)],
            [.. verdicts.Where(v => v.Why is not null).Take(ScopeCount.Examples).Select(v => (v.DisplayName, v.Why!))]);
    }

    /// <summary>Only the <paramref name="names"/> of a stored worker's fields (a flat JSON object of text): reading a few
    /// values costs much less than building every worker's whole dictionary. A name the worker lacks is left out (null).</summary>
    internal static Dictionary<string, string?> Named(string fields, IReadOnlyList<string> names)
    {
        var found = new Dictionary<string, string?>(names.Count, StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(fields));
        while (reader.Read() && found.Count < names.Count)
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }
            string? name = null;
            foreach (var wanted in names)
            {
                name ??= reader.ValueTextEquals(wanted) ? wanted : null;
            }
            reader.Read();
            if (name is not null)
            {
                found[name] = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Skip();
            }
        }
        return found;
    }

    /// <summary>The workers whose accounts the planner would deactivate under <paramref name="proposed"/> and not under
    /// <paramref name="current"/>, over the stored workers and accounts: what saving the form would deactivate.</summary>
    public static async Task<IReadOnlyList<string>> NewlyDeactivatedAsync(HeadwaterDb db, Integration? current, Integration proposed, int index,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(time);
        var settings = proposed.Destinations[index];
        var workers = await StoredState.Workers(db, cancellationToken);
        var accounts = (await StoredState.Accounts(db, settings.Name, cancellationToken)).Select(StoredState.Known).ToList();
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now.UtcDateTime, proposed.Ukg.Connection.Zone));
        HashSet<string> Deactivated(DestinationSettings? s) => s is null ? [] : [.. Planner.Create(new PlanInput(s.Name, workers, accounts,
                s.Policy, s.Mapper, s.Scope, today, now)).Changes.Where(c => c.Kind == ChangeKind.Deactivate).Select(c => c.WorkerId)];
        var before = Deactivated(current?.Destination(settings.Name));
        return [.. Deactivated(settings).Where(id => !before.Contains(id)).Order(StringComparer.Ordinal)];
    }
}
