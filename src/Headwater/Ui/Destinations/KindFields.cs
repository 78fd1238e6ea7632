using System.Collections.Concurrent;
using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;

namespace Headwater.Ui.Destinations;

/// <summary>How a form shows one of a kind's keys: a value, a list (one a line), a write-only secret, a section of keys
/// of its own (a group of fields), or a section of named lists (LDAP <c>unique:</c>: an attribute and its candidates).</summary>
public enum FieldShape { Text, List, Secret, Section, Named }

/// <summary>One key on the form.</summary>
/// <param name="Path">Its path within the destination, dotted for a section's keys: <c>compatibility.update</c>.</param>
/// <param name="Label">Its label and hint, from the kind.</param>
/// <param name="Shape">How it is shown.</param>
/// <param name="Fields">A section's own keys.</param>
public sealed record KindField(string Path, KeyLabel Label, FieldShape Shape, IReadOnlyList<KindField> Fields)
{
    public string Key => Label.Key;

    /// <summary>This field and, for a section, every field in it.</summary>
    public IEnumerable<KindField> Flattened => Fields.SelectMany(f => f.Flattened).Prepend(this);
}

/// <summary>
/// The fields of a destination kind: its keys as its labels table gives them (sections with their own keys), each
/// value's shape learnt from the kind's own binder rather than written out again here: a key that refuses a literal
/// value is a secret, and one that takes a list is a list. A new kind gets a form without a change to the UI.
/// </summary>
public static class KindFields
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<KindField>> Known = new(StringComparer.Ordinal);

    public static IReadOnlyList<KindField> Of(DestinationKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Known.GetOrAdd(kind.Type, _ => Probe(kind));
    }

    /// <summary>The kind's labels, with a key it does not label shown by its key, so that no key is left off a form.</summary>
    public static IReadOnlyList<KeyLabel> Labels(DestinationKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return [.. kind.Labels.Where(l => kind.Keys.Contains(l.Key)),
            .. kind.Keys.Where(k => kind.Labels.All(l => l.Key != k)).Select(k => new KeyLabel(k, k, ""))];
    }

    private static List<KindField> Probe(DestinationKind kind)
    {
        var labels = Labels(kind);
        var literal = Refused(kind, labels, new ConfigScalar("probe"));
        var list = Refused(kind, labels, new ConfigList([new ConfigScalar("probe")]));
        List<KindField> Fields(IEnumerable<KeyLabel> keys, string parent) => [.. keys.Select(label =>
        {
            var path = parent.Length == 0 ? label.Key : $"{parent}.{label.Key}";
            var shape = label.Named ? FieldShape.Named : label.IsSection ? FieldShape.Section
                : literal.Contains(path) ? FieldShape.Secret : list.Contains(path) ? FieldShape.Text : FieldShape.List;
            return new KindField(path, label, shape, shape == FieldShape.Section ? Fields(label.Keys, path) : []);
        })];
        return Fields(labels, "");
    }

    /// <summary>The paths whose binding reports a problem when every value (in sections too) is <paramref name="value"/>.</summary>
    private static HashSet<string> Refused(DestinationKind kind, IReadOnlyList<KeyLabel> labels, ConfigNode value)
    {
        var reader = new ConfigReader(_ => null);
        kind.Bind(ConfigSection.Open(reader, "", Map(labels, value), kind.Keys)!, "probe");
        return [.. Paths(labels, "").Where(reader.Reported)];
    }

    private static ConfigMap Map(IEnumerable<KeyLabel> labels, ConfigNode value) =>
        new([.. labels.Where(l => !l.Named).Select(l =>
            KeyValuePair.Create<ConfigNode, ConfigNode>(new ConfigScalar(l.Key), l.Keys.Count > 0 ? Map(l.Keys, value) : value))]);

    private static IEnumerable<string> Paths(IEnumerable<KeyLabel> labels, string parent) =>
        labels.SelectMany(l => Paths(l.Keys, parent + l.Key + ".").Prepend(parent + l.Key));
}
