using System.Text.RegularExpressions;
using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Microsoft.AspNetCore.Http;

namespace Headwater.Ui.Destinations;

/// <summary>
/// One destination as a form edits it: its name, its kind, and the kind's keys as the user typed them, sections
/// included. Secrets are never filled in: a blank one keeps its stored reference (and value). What the form does not
/// show (scope, mapping, lifecycle and safety) is kept from the stored destination it edits.
/// </summary>
public sealed partial class DestinationDraft
{
    /// <summary>The most rows of a named section (LDAP <c>unique:</c>) a posted form is read for.</summary>
    private const int MostRows = 50;

    public required DestinationKind Kind { get; init; }
    public string Name { get; set; } = "";

    /// <summary>The stored destination this edits; null for one added on the form.</summary>
    public DestinationConfig? Stored { get; init; }

    /// <summary>Its position among the stored destinations, posted back so the form finds it again.</summary>
    public int? StoredIndex { get; init; }

    /// <summary>Values by path (<c>compatibility.update</c>); a list is one item a line; secrets only as typed, never as stored.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The entries of each named section by path: a name (an attribute) and its list, one item a line.</summary>
    public Dictionary<string, List<NamedList>> Named { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<KindField> Fields => KindFields.Of(Kind);

    /// <summary>The stored reference of a secret key, if any.</summary>
    public SecretRef? StoredSecret(string key) =>
        Stored?.Settings is { } settings && Written(settings).TryGetValue(key, out var node) && node is ConfigScalar { Value: var text }
        && SecretRef.TryParse(text, out var secret) ? secret : null;

    /// <summary>The form of a stored destination.</summary>
    public static DestinationDraft? Of(DestinationConfig stored, int index)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (Find(stored.Type) is not { } kind)
        {
            return null;
        }
        var draft = new DestinationDraft { Kind = kind, Name = stored.Name ?? "", Stored = stored, StoredIndex = index };
        draft.Fill(draft.Fields, stored.Settings is { } settings ? Written(settings) : []);
        return draft;
    }

    private void Fill(IEnumerable<KindField> fields, Dictionary<string, ConfigNode> written)
    {
        foreach (var field in fields)
        {
            switch (field.Shape, written.GetValueOrDefault(field.Key))
            {
                case (FieldShape.Section, ConfigMap map):
                    Fill(field.Fields, Entries(map));
                    break;
                case (FieldShape.Named, ConfigMap map):
                    Named[field.Path] = [.. Entries(map).Select(e => new NamedList(e.Key, Lines(e.Value) ?? ""))];
                    break;
                case (FieldShape.Text or FieldShape.List, { } node) when Lines(node) is { } text:
                    Values[field.Path] = text;
                    break;
            }
        }
    }

    /// <summary>Destination <paramref name="index"/> of a posted form (<c>d0.name</c>, <c>d0.url</c>,
    /// <c>d0.retries.max</c>, <c>d0.unique.0.name</c>, ...); null when its kind is not one Headwater knows.</summary>
    public static DestinationDraft? Read(IFormCollection form, int index, IReadOnlyList<DestinationConfig> stored)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(stored);
        var prefix = Prefix(index);
        int? storedIndex = int.TryParse(form[prefix + "stored"], out var s) && s >= 0 && s < stored.Count ? s : null;
        if (Find(form[prefix + "type"]) is not { } kind)
        {
            return null;
        }
        var draft = new DestinationDraft
        {
            Kind = kind, Name = form[prefix + "name"].ToString().Trim(), StoredIndex = storedIndex,
            Stored = storedIndex is { } i ? stored[i] : null,
        };
        foreach (var field in draft.Fields.SelectMany(f => f.Flattened))
        {
            var at = prefix + field.Path;
            if (field.Shape == FieldShape.Named)
            {
                var rows = int.TryParse(form[at + ".rows"], out var r) ? Math.Clamp(r, 0, MostRows) : 0;
                draft.Named[field.Path] = [.. Enumerable.Range(0, rows)
                    .Select(n => new NamedList(form[$"{at}.{n}.name"].ToString().Trim(), form[$"{at}.{n}.lines"].ToString()))
                    .Where(row => row.Name.Length > 0 || !string.IsNullOrWhiteSpace(row.Lines))];
            }
            else if (field.Shape != FieldShape.Section)
            {
                draft.Values[field.Path] = form[at].ToString();
            }
        }
        return draft;
    }

    /// <summary>The form fields' name prefix of destination <paramref name="index"/>.</summary>
    public static string Prefix(int index) => $"d{index}.";

    /// <summary>The destination as written, with what the form does not show kept from the stored one. Typed secrets go into
    /// <paramref name="secrets"/> by variable.</summary>
    public DestinationConfig ToConfig(Dictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var map = new ConfigMapBuilder().Text("name", Name.Length == 0 ? null : Name).Text("type", Kind.Type);
        Write(map, Fields, secrets);
        // Scope, mapping, groups, lifecycle, safety and concurrency: as stored.
        if (Stored is not null)
        {
            var mine = new HashSet<string>(["name", "type", .. Kind.Keys, .. Find(Stored.Type)?.Keys ?? []], StringComparer.Ordinal);
            foreach (var (key, node) in DestinationSection.Write(Stored).Entries)
            {
                if (key is ConfigScalar { Value: { } name } && !mine.Contains(name))
                {
                    map.Add(name, node);
                }
            }
        }
        var reader = new ConfigReader(_ => null);
        return DestinationSection.Bind(reader, "destination", map.Build(empty: true)!)
            ?? new DestinationConfig(Name, Kind.Type, null);
    }

    /// <summary>Writes <paramref name="fields"/> as typed; a section left blank is left out, so its defaults apply.</summary>
    private void Write(ConfigMapBuilder map, IEnumerable<KindField> fields, Dictionary<string, string> secrets)
    {
        foreach (var field in fields)
        {
            var typed = Values.GetValueOrDefault(field.Path);
            var value = typed?.Trim();
            switch (field.Shape)
            {
                case FieldShape.Text:
                    map.Text(field.Key, string.IsNullOrEmpty(value) ? null : value);
                    break;
                case FieldShape.List:
                    var items = Items(value);
                    map.Texts(field.Key, items.Length == 0 ? null : items);
                    break;
                case FieldShape.Secret:
                    var reference = StoredSecret(field.Key);
                    if (!string.IsNullOrEmpty(typed))
                    {
                        reference ??= new SecretRef(Variable(field.Key));
                        secrets[reference.Variable] = typed;
                    }
                    map.Secret(field.Key, reference);
                    break;
                case FieldShape.Section:
                    var section = new ConfigMapBuilder();
                    Write(section, field.Fields, secrets);
                    map.Add(field.Key, section.Build());
                    break;
                case FieldShape.Named:
                    map.Add(field.Key, Named.GetValueOrDefault(field.Path, [])
                        .Aggregate(new ConfigMapBuilder(), (named, row) => named.Texts(row.Name, Items(row.Lines))).Build());
                    break;
            }
        }
    }

    private static string[] Items(string? lines) =>
        (lines ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A value or a list as a form shows it, one item a line; null for a section.</summary>
    private static string? Lines(ConfigNode node) => node switch
    {
        ConfigScalar { Value: { } value } => value,
        ConfigList list => string.Join('\n', list.Items.OfType<ConfigScalar>().Select(s => s.Value)),
        _ => null,
    };

    /// <summary>The variable a new secret is kept in, as the kinds suggest them: <c>CRM_SCIM_TOKEN</c>.</summary>
    private string Variable(string key)
    {
        var name = NotVariable().Replace(Name.ToUpperInvariant(), "_");
        var variable = $"{name}_{Kind.Type}_{Words().Replace(key, "$1_$2")}".ToUpperInvariant();
        return char.IsAsciiLetter(variable[0]) || variable[0] == '_' ? variable : "_" + variable;
    }

    private static Dictionary<string, ConfigNode> Written(KindConfig settings)
    {
        var map = new ConfigMapBuilder();
        settings.Write(map);
        return Entries(map.Build(empty: true)!);
    }

    private static Dictionary<string, ConfigNode> Entries(ConfigMap map) =>
        map.Entries.Where(e => e.Key is ConfigScalar { Value: not null })
            .ToDictionary(e => ((ConfigScalar)e.Key).Value!, e => e.Value, StringComparer.Ordinal);

    public static DestinationKind? Find(string? type) =>
        DestinationKind.All.FirstOrDefault(k => string.Equals(k.Type, type?.Trim(), StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("[^A-Z0-9_]")]
    private static partial Regex NotVariable();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Words();
}

/// <summary>One entry of a named section: a name (LDAP <c>unique:</c>'s attribute) and its list, one item a line.</summary>
public sealed record NamedList(string Name, string Lines);
