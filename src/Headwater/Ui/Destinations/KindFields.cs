using System.Collections.Concurrent;
using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;

namespace Headwater.Ui.Destinations;

/// <summary>How a form shows one of a kind's keys: a value, a list (one a line), a write-only secret, or a section of
/// its own, which the form keeps as stored.</summary>
public enum FieldShape { Text, List, Secret, Section }

public sealed record KindField(string Key, FieldShape Shape);

/// <summary>
/// The shape of each key a destination kind reads, learnt from the kind's own binder rather than written out again here:
/// a key that refuses a literal value is a secret, one that refuses a <c>${VAR}</c> too is a section, and one that
/// takes a list is a list. A new kind gets a form without a change to the UI.
/// </summary>
public static class KindFields
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<KindField>> Known = new(StringComparer.Ordinal);

    public static IReadOnlyList<KindField> Of(DestinationKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Known.GetOrAdd(kind.Type, _ => Probe(kind));
    }

    private static List<KindField> Probe(DestinationKind kind)
    {
        var literal = Refused(kind, new ConfigScalar("probe"));
        var reference = Refused(kind, new ConfigScalar("${HEADWATER_PROBE}"));
        var list = Refused(kind, new ConfigList([new ConfigScalar("probe")]));
        return [.. kind.Keys.Select(key => new KindField(key,
            reference.Contains(key) ? FieldShape.Section
            : literal.Contains(key) ? FieldShape.Secret
            : list.Contains(key) ? FieldShape.Text
            : FieldShape.List))];
    }

    /// <summary>The keys whose binding reports a problem when every key holds <paramref name="value"/>.</summary>
    private static HashSet<string> Refused(DestinationKind kind, ConfigNode value)
    {
        var reader = new ConfigReader(_ => null);
        var map = new ConfigMap([.. kind.Keys.Select(key => KeyValuePair.Create<ConfigNode, ConfigNode>(new ConfigScalar(key), value))]);
        kind.Bind(ConfigSection.Open(reader, "", map, kind.Keys)!, "probe");
        return [.. kind.Keys.Where(reader.Reported)];
    }
}
