using System.Text.RegularExpressions;
using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Microsoft.AspNetCore.Http;

namespace Headwater.Ui.Destinations;

/// <summary>
/// One destination as a form edits it: its name, its kind, and the kind's keys as the user typed them. Secrets are
/// never filled in: a blank one keeps its stored reference (and value). What the form does not show (sections such as
/// <c>compatibility</c>, and scope, mapping, lifecycle and safety) is kept from the stored destination it edits.
/// </summary>
public sealed partial class DestinationDraft
{
    public required DestinationKind Kind { get; init; }
    public string Name { get; set; } = "";

    /// <summary>The stored destination this edits; null for one added on the form.</summary>
    public DestinationConfig? Stored { get; init; }

    /// <summary>Its position among the stored destinations, posted back so the form finds it again.</summary>
    public int? StoredIndex { get; init; }

    /// <summary>Values by key; a list is one item a line; secrets only as typed, never as stored.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

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
        var written = stored.Settings is { } settings ? Written(settings) : [];
        foreach (var field in draft.Fields)
        {
            var text = written.GetValueOrDefault(field.Key) switch
            {
                ConfigScalar { Value: { } value } when field.Shape != FieldShape.Secret => value,
                ConfigList list when field.Shape == FieldShape.List =>
                    string.Join('\n', list.Items.OfType<ConfigScalar>().Select(s => s.Value)),
                _ => null,
            };
            if (text is not null)
            {
                draft.Values[field.Key] = text;
            }
        }
        return draft;
    }

    /// <summary>Destination <paramref name="index"/> of a posted form (<c>d0.name</c>, <c>d0.url</c>, ...); null when its
    /// kind is not one Headwater knows.</summary>
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
        foreach (var field in draft.Fields.Where(f => f.Shape != FieldShape.Section))
        {
            draft.Values[field.Key] = form[prefix + field.Key].ToString();
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
        var kept = Stored?.Settings is { } settings && Kind.Owns(settings) ? Written(settings) : [];
        var map = new ConfigMapBuilder().Text("name", Name.Length == 0 ? null : Name).Text("type", Kind.Type);
        foreach (var field in Fields)
        {
            var typed = Values.GetValueOrDefault(field.Key);
            var value = typed?.Trim();
            switch (field.Shape)
            {
                case FieldShape.Text:
                    map.Text(field.Key, string.IsNullOrEmpty(value) ? null : value);
                    break;
                case FieldShape.List:
                    var items = (value ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
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
                default:
                    map.Add(field.Key, kept.GetValueOrDefault(field.Key));
                    break;
            }
        }
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
        return map.Build(empty: true)!.Entries.Where(e => e.Key is ConfigScalar { Value: not null })
            .ToDictionary(e => ((ConfigScalar)e.Key).Value!, e => e.Value, StringComparer.Ordinal);
    }

    public static DestinationKind? Find(string? type) =>
        DestinationKind.All.FirstOrDefault(k => string.Equals(k.Type, type?.Trim(), StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("[^A-Z0-9_]")]
    private static partial Regex NotVariable();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Words();
}
