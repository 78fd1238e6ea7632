using System.Globalization;
using Headwater.Configuration.Model;
using Headwater.Connectors.Destinations;
using Headwater.Core.Mapping;
using Microsoft.AspNetCore.Http;

namespace Headwater.Ui;

/// <summary>One row of the Mapping page as the form posts it: a destination attribute and how it is computed.</summary>
public sealed record MappingRow(string Target, string Value, string Applies = "always", string WhenEmpty = "clear", string Choices = "",
    bool Remove = false)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Target) && string.IsNullOrWhiteSpace(Value);

    /// <summary>The allowed values, written one after another separated by <c>;</c>; null when none are given.</summary>
    public IReadOnlyList<string>? ChoiceList =>
        Choices.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } list ? list : null;

    public static MappingRow Of(AttributeMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return new(mapping.Target, mapping.Expression, mapping.Applies == MappingApplies.OnCreate ? "onCreate" : "always",
            mapping.WhenEmpty == Core.Mapping.WhenEmpty.Ignore ? "ignore" : "clear", string.Join("; ", mapping.Choices ?? []));
    }

    /// <summary>Whether the row says exactly what <paramref name="mapping"/> says.</summary>
    public bool Same(AttributeMapping mapping) => Of(mapping) with { Target = Target.Trim() } == Trimmed;

    public AttributeConfig ToConfig() => new(Target.Trim(), Value.Trim(),
        Applies == "onCreate" ? "onCreate" : null, WhenEmpty == "ignore" ? "ignore" : null, ChoiceList);

    private MappingRow Trimmed => this with
    {
        Target = Target.Trim(), Value = Value.Trim(), Choices = string.Join("; ", ChoiceList ?? []), Remove = false,
    };
}

/// <summary>
/// A destination's mapping as the page edits it: every row the destination maps (the kind's defaults with the written
/// attributes applied), and back to <c>mapping:</c> as written, where only what differs from a default is written (a
/// default left out becomes <c>remove: true</c>), so the stored configuration stays as short as one written by hand.
/// </summary>
public static class MappingRows
{
    /// <summary>Blank rows offered for adding mappings.</summary>
    public const int Spare = 3;

    /// <summary>The rows a destination maps now.</summary>
    public static List<MappingRow> Of(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var rows = Defaults(destination).Select(MappingRow.Of).ToList();
        foreach (var attribute in destination.Mapping?.Attributes ?? [])
        {
            var at = rows.FindIndex(r => string.Equals(r.Target, attribute.Target, StringComparison.OrdinalIgnoreCase));
            var removed = string.Equals(attribute.Remove?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            var row = new MappingRow(attribute.Target ?? "", attribute.Value ?? "", attribute.Applies ?? "always", attribute.WhenEmpty ?? "clear",
                string.Join("; ", attribute.Choices ?? []));
            if (removed && at >= 0)
            {
                rows.RemoveAt(at);
            }
            else if (!removed && at >= 0)
            {
                rows[at] = row;
            }
            else if (!removed)
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>The kind's default mapping, or none when the destination turned defaults off or names no kind.</summary>
    public static IReadOnlyList<AttributeMapping> Defaults(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (string.Equals(destination.Mapping?.Defaults?.Trim(), "false", StringComparison.OrdinalIgnoreCase)
            || Kind(destination) is not { } kind)
        {
            return [];
        }
        return destination.Settings is { } settings ? kind.DefaultMappingFor(settings) : kind.DefaultMapping;
    }

    public static DestinationKind? Kind(DestinationConfig destination) =>
        DestinationKind.All.FirstOrDefault(k => string.Equals(k.Type, destination?.Type?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The rows posted as <c>Rows[i].Target</c>, <c>Rows[i].Value</c>, … (blank rows and removed rows included).</summary>
    public static List<MappingRow> Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rows = new List<MappingRow>();
        for (var i = 0; form.ContainsKey(Field(i, "Target")); i++)
        {
            string Get(string name) => form[Field(i, name)].ToString();
            rows.Add(new MappingRow(Get("Target"), Get("Value"), Get("Applies") is "onCreate" ? "onCreate" : "always",
                Get("WhenEmpty") is "ignore" ? "ignore" : "clear", Get("Choices"), form.ContainsKey(Field(i, "Remove"))));
        }
        return rows;
    }

    public static string Field(int row, string name) => string.Create(CultureInfo.InvariantCulture, $"Rows[{row}].{name}");

    /// <summary>
    /// <c>mapping:</c> for <paramref name="rows"/>: the written <c>defaults</c> and lookups kept, each row that differs from
    /// its default (or has none) an attribute, and each default no row keeps removed. <paramref name="rowOf"/> gives, for
    /// each written attribute, the row it came from (null for a removal with no removed row).
    /// </summary>
    public static MappingConfig ToConfig(DestinationConfig destination, IReadOnlyList<MappingRow> rows, out List<int?> rowOf)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        var defaults = Defaults(destination);
        var attributes = new List<AttributeConfig>();
        rowOf = [];
        bool Kept(MappingRow row) => !row.Remove && !row.IsBlank;
        foreach (var mapping in defaults)
        {
            var kept = rows.Any(r => Kept(r) && string.Equals(r.Target.Trim(), mapping.Target, StringComparison.OrdinalIgnoreCase));
            if (!kept)
            {
                var removed = rows.ToList().FindIndex(r => string.Equals(r.Target.Trim(), mapping.Target, StringComparison.OrdinalIgnoreCase));
                attributes.Add(new AttributeConfig(mapping.Target, Remove: "true"));
                rowOf.Add(removed >= 0 ? removed : null);
            }
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var standard = defaults.FirstOrDefault(m => string.Equals(m.Target, row.Target.Trim(), StringComparison.OrdinalIgnoreCase));
            if (Kept(row) && (standard is null || !row.Same(standard)))
            {
                attributes.Add(row.ToConfig());
                rowOf.Add(i);
            }
        }
        var written = destination.Mapping ?? new MappingConfig();
        return written with { Attributes = attributes.Count > 0 ? attributes : null };
    }
}
