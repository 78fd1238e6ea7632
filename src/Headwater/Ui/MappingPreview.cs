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

/// <summary>What the Mapping page shows for a form's (unsaved) mapping: the configuration validator's problems (by
/// attribute row; by lookup or group row as <c>lookups[i]</c>, <c>groups[i]</c>, or <c>lookups</c>, <c>groups</c>,
/// <c>defaults</c>; and those of the whole mapping), and one stored worker mapped by the real mapping engine with the
/// warnings a sync would raise for them and the groups they would be in.</summary>
public sealed record MappingPreview(
    IReadOnlyDictionary<int, string[]> RowProblems,
    IReadOnlyDictionary<string, string[]> TableProblems,
    IReadOnlyList<string> Problems,
    WorkerRecord? Worker,
    IReadOnlyList<WorkerRecord> OtherMatches,
    IReadOnlyList<PreviewValue> Values,
    IReadOnlyList<string> Warnings,
    string? OutOfScope,
    IReadOnlyList<string> Groups)
{
    /// <summary>How many other matching workers are offered to pick from.</summary>
    public const int Matches = 5;

    public bool Valid => RowProblems.Count == 0 && TableProblems.Count == 0 && Problems.Count == 0;

    /// <summary>Validates the integration with <paramref name="form"/> as destination <paramref name="index"/>'s mapping and
    /// maps the worker <paramref name="pick"/> names, else the first found by <paramref name="search"/>, else the first
    /// stored worker by name.</summary>
    public static async Task<MappingPreview> ComputeAsync(HeadwaterDb db, IntegrationRecord record, int index, MappingForm form,
        string? search, string? pick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        var model = WithForm(record, index, form, out var places);
        var (integration, found) = Validate(record, model, index, places);
        db.IntegrationId = record.Id;
        var (worker, others) = await FindAsync(db, search, pick, cancellationToken);
        if (integration is null || worker is null)
        {
            return new(found.Rows, found.Tables, found.Others, worker, others, [], [], null, []);
        }
        var destination = integration.Destinations[index];
        var person = StoredWorker.From(
            StoredFields.Decode(worker.Fields),
            JsonSerializer.Deserialize(worker.Issues, ReadingJson.Default.ListWorkerIssue) ?? []);
        var mapped = destination.Mapper.Map(person);
        var required = Required(model.Destinations[index], destination.Mapper.Mappings);
        var values = mapped.Values.Select(v => new PreviewValue(v.Target, v.Value, required.Contains(v.Target))).ToList();
        var warnings = mapped.Problems.Select(p => p.Message)
            .Concat(values.Where(v => v.Required && v.Value is null).Select(v => $"{v.Target} is required and is empty for this worker: "
                + "no account can be created for them until it has a value"))
            .Concat(person.Issues.Select(i => $"UKG data: {i.Message}"))
            .ToList();
        var attributes = WorkerAttributes.ForLookup(person);
        return new(found.Rows, found.Tables, found.Others, worker, others, values, warnings, destination.Scope.Excludes(attributes),
            destination.Groups.For(attributes));
    }

    /// <summary>The stored integration with destination <paramref name="index"/> mapped by <paramref name="form"/>.</summary>
    public static IntegrationConfig WithForm(IntegrationRecord record, int index, MappingForm form, out MappingPlaces places)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(form);
        var model = record.Model();
        var destinations = model.Destinations.ToList();
        destinations[index] = form.Apply(destinations[index], out places);
        return model with { Destinations = destinations, Name = record.Name };
    }

    /// <summary>The integration as <paramref name="model"/> says, or null with the problems found, each at its place.</summary>
    private static (Integration?, MappingProblems) Validate(IntegrationRecord record, IntegrationConfig model, int index, MappingPlaces places)
    {
        var secrets = record.Secrets.ToDictionary(s => s.Variable, s => s.Value, StringComparer.Ordinal);
        try
        {
            var integration = IntegrationFile.Validate(model, secrets.GetValueOrDefault, sourceName: $"integration '{record.Name}'");
            return places.LookupProblems.Count == 0 ? (integration, MappingProblems.None) : (null, MappingProblems.Assign(null, index, places));
        }
        catch (ConfigurationException e)
        {
            return (null, MappingProblems.Assign(e, index, places));
        }
    }

    /// <summary>The targets the kind cannot do without: those whose removal makes it find fault with the mapping.</summary>
    private static HashSet<string> Required(DestinationConfig destination, IReadOnlyList<AttributeMapping> mappings)
    {
        var required = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (MappingRows.Kind(destination) is not { } kind)
        {
            return required;
        }
        var faults = kind.CheckMapping(mappings, destination.Settings).Count();
        foreach (var mapping in mappings)
        {
            if (kind.CheckMapping([.. mappings.Where(m => m != mapping)], destination.Settings).Count() > faults)
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
