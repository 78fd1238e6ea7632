using System.Text.Json;
using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Core.Mapping;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Reading;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Ui;

/// <summary>One destination attribute as the form's mapping computes it for the worker shown.</summary>
public sealed record PreviewValue(string Target, string? Value, bool Required);

/// <summary>What the Mapping page shows for a form's (unsaved) rows: the configuration validator's problems (by row, and
/// those of the whole mapping), and one stored worker mapped by the real mapping engine with the warnings a sync would
/// raise for them.</summary>
public sealed record MappingPreview(
    IReadOnlyDictionary<int, string[]> RowProblems,
    IReadOnlyList<string> Problems,
    WorkerRecord? Worker,
    IReadOnlyList<WorkerRecord> OtherMatches,
    IReadOnlyList<PreviewValue> Values,
    IReadOnlyList<string> Warnings,
    string? OutOfScope)
{
    /// <summary>How many other matching workers are offered to pick from.</summary>
    public const int Matches = 5;

    public bool Valid => RowProblems.Count == 0 && Problems.Count == 0;

    /// <summary>Validates the integration with <paramref name="rows"/> as destination <paramref name="index"/>'s mapping and
    /// maps the worker <paramref name="pick"/> names, else the first found by <paramref name="search"/>, else the first
    /// stored worker by name.</summary>
    public static async Task<MappingPreview> ComputeAsync(HeadwaterDb db, IntegrationRecord record, int index, IReadOnlyList<MappingRow> rows,
        string? search, string? pick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        var model = WithRows(record, index, rows, out var rowOf);
        var secrets = record.Secrets.ToDictionary(s => s.Variable, s => s.Value, StringComparer.Ordinal);
        Integration? integration = null;
        IReadOnlyDictionary<int, string[]> rowProblems = new Dictionary<int, string[]>();
        IReadOnlyList<string> problems = [];
        try
        {
            integration = IntegrationFile.Validate(model, secrets.GetValueOrDefault, sourceName: $"integration '{record.Name}'");
        }
        catch (ConfigurationException e)
        {
            (rowProblems, problems) = Assign(e, index, rowOf);
        }
        db.IntegrationId = record.Id;
        var (worker, others) = await FindAsync(db, search, pick, cancellationToken);
        if (integration is null || worker is null)
        {
            return new(rowProblems, problems, worker, others, [], [], null);
        }
        var destination = integration.Destinations[index];
        var person = StoredWorker.From(
            JsonSerializer.Deserialize(worker.Fields, ReadingJson.Default.DictionaryStringString) ?? [],
            JsonSerializer.Deserialize(worker.Issues, ReadingJson.Default.ListWorkerIssue) ?? []);
        var mapped = destination.Mapper.Map(person);
        var required = Required(model.Destinations[index], destination.Mapper.Mappings);
        var values = mapped.Values.Select(v => new PreviewValue(v.Target, v.Value, required.Contains(v.Target))).ToList();
        var warnings = mapped.Problems.Select(p => p.Message)
            .Concat(values.Where(v => v.Required && v.Value is null).Select(v => $"{v.Target} is required and is empty for this worker: "
                + "no account can be created for them until it has a value"))
            .Concat(person.Issues.Select(i => $"UKG data: {i.Message}"))
            .ToList();
        return new(rowProblems, problems, worker, others, values, warnings,
            destination.Scope.Excludes(WorkerAttributes.ForLookup(person)));
    }

    /// <summary>The stored integration with destination <paramref name="index"/> mapped by <paramref name="rows"/>.</summary>
    public static IntegrationConfig WithRows(IntegrationRecord record, int index, IReadOnlyList<MappingRow> rows, out List<int?> rowOf)
    {
        ArgumentNullException.ThrowIfNull(record);
        var model = record.Model();
        var destinations = model.Destinations.ToList();
        destinations[index] = destinations[index] with { Mapping = MappingRows.ToConfig(destinations[index], rows, out rowOf) };
        return model with { Destinations = destinations, Name = record.Name };
    }

    /// <summary>The validator's problems: those of an attribute beside the row it came from, the rest for the whole form.</summary>
    public static (IReadOnlyDictionary<int, string[]> Rows, IReadOnlyList<string> Others) Assign(ConfigurationException e, int index,
        IReadOnlyList<int?> rowOf)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(rowOf);
        var prefix = $"destinations[{index}].mapping.attributes[";
        var rows = new Dictionary<int, List<string>>();
        var others = new List<string>();
        foreach (var problem in e.Problems)
        {
            // "destinations[0].mapping.attributes[3].value: column 1: unknown function …"
            var parts = problem.Split(": ", 2);
            var path = parts[0];
            var close = path.IndexOf(']', Math.Min(prefix.Length, path.Length));
            if (parts.Length == 2 && path.StartsWith(prefix, StringComparison.Ordinal) && close > 0
                && int.TryParse(path.AsSpan(prefix.Length, close - prefix.Length), out var item) && item < rowOf.Count && rowOf[item] is { } row)
            {
                var field = path[(close + 1)..].TrimStart('.');
                (rows.TryGetValue(row, out var list) ? list : rows[row] = []).Add(field.Length > 0 ? $"{field}: {parts[1]}" : parts[1]);
            }
            else
            {
                others.Add(problem);
            }
        }
        return (rows.ToDictionary(r => r.Key, r => r.Value.ToArray()), others);
    }

    /// <summary>The targets the kind cannot do without: those whose removal makes it find fault with the mapping.</summary>
    private static HashSet<string> Required(DestinationConfig destination, IReadOnlyList<AttributeMapping> mappings)
    {
        var required = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (MappingRows.Kind(destination) is not { } kind)
        {
            return required;
        }
        var faults = kind.CheckMapping(mappings).Count();
        foreach (var mapping in mappings)
        {
            if (kind.CheckMapping([.. mappings.Where(m => m != mapping)]).Count() > faults)
            {
                required.Add(mapping.Target);
            }
        }
        return required;
    }

    private static async Task<(WorkerRecord? Worker, List<WorkerRecord> Others)> FindAsync(HeadwaterDb db, string? search, string? pick,
        CancellationToken cancellationToken)
    {
        var workers = db.Workers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(pick) && await workers.FirstOrDefaultAsync(w => w.Id == pick, cancellationToken) is { } picked)
        {
            return (picked, []);
        }
        var found = await workers.Search(db, search?.Trim()).OrderBy(w => w.DisplayName).ThenBy(w => w.Id).Take(Matches + 1)
            .ToListAsync(cancellationToken);
        return (found.FirstOrDefault(), [.. found.Skip(1)]);
    }
}
