using Headwater.Configuration.Model;
using Microsoft.AspNetCore.Http;

namespace Headwater.Ui;

/// <summary>Where each written item of a form's mapping came from: the row of each attribute (null for a default removed
/// with no row) and of each group rule, the lookup rows, and the problems of lookup rows no document could hold.</summary>
public sealed record MappingPlaces(List<int?> Attributes, List<int> Groups, IReadOnlyList<LookupRow> Lookups,
    Dictionary<int, List<string>> LookupProblems);

/// <summary>
/// Everything the Mapping page edits for one destination: whether to start from the kind's defaults
/// (<c>mapping.defaults</c>), the attribute rows, the lookup tables' entries and the <c>groups:</c> rules.
/// <see cref="RowsHaveDefaults"/> says whether the rows were shown with the defaults among them: when the defaults are
/// turned on over rows shown without them, a default no row names is kept, not taken out.
/// </summary>
public sealed record MappingForm(bool Defaults, List<MappingRow> Rows, List<LookupRow> Lookups, List<GroupRow> Groups, bool RowsHaveDefaults)
{
    /// <summary>The destination's mapping as stored, with blank rows to add to each list.</summary>
    public static MappingForm Of(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return new(!DefaultsOff(destination.Mapping?.Defaults),
            [.. MappingRows.Of(destination), .. Enumerable.Repeat(new MappingRow("", ""), MappingRows.Spare)],
            [.. MappingTables.LookupsOf(destination.Mapping), .. Enumerable.Repeat(new LookupRow("", "", ""), MappingTables.Spare)],
            [.. MappingTables.GroupsOf(destination.Groups), .. Enumerable.Repeat(new GroupRow("", ""), MappingTables.Spare)],
            !DefaultsOff(destination.Mapping?.Defaults));
    }

    public static MappingForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var defaults = form.ContainsKey("Defaults");
        return new(defaults, MappingRows.Read(form), MappingTables.ReadLookups(form), MappingTables.ReadGroups(form),
            form["RowsHaveDefaults"].ToString() is { Length: > 0 } shown ? shown == "true" : defaults);
    }

    /// <summary>The destination with this mapping, lookups and groups, written as briefly as by hand.</summary>
    public DestinationConfig Apply(DestinationConfig destination, out MappingPlaces places)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var written = destination.Mapping?.Defaults;
        // What was written is kept while it says the same; turning the defaults back on leaves the key out.
        var defaults = DefaultsOff(written) == !Defaults ? written : Defaults ? null : "false";
        var withDefaults = destination with { Mapping = (destination.Mapping ?? new MappingConfig()) with { Defaults = defaults } };
        var lookupProblems = new Dictionary<int, List<string>>();
        var rows = Defaults && !RowsHaveDefaults
            ? [.. Rows, .. MappingRows.Defaults(withDefaults).Select(MappingRow.Of)
                .Where(d => !Rows.Any(r => string.Equals(r.Target.Trim(), d.Target, StringComparison.OrdinalIgnoreCase)))]
            : Rows;
        var mapping = MappingRows.ToConfig(withDefaults, rows, out var attributeRows) with
        {
            Lookups = MappingTables.ToLookups(Lookups, lookupProblems),
        };
        var groups = MappingTables.ToGroups(Groups, out var groupRows);
        places = new(attributeRows, groupRows, Lookups, lookupProblems);
        return destination with { Mapping = mapping == new MappingConfig() ? null : mapping, Groups = groups };
    }

    private static bool DefaultsOff(string? written) => string.Equals(written?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
}
