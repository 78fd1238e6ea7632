using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Ui.Destinations;

namespace Headwater.Tests.Ui;

/// <summary>The fields a destination form shows: every key of every kind labelled with a hint, sections with keys their
/// binder reads, and each value's shape learnt from the binder.</summary>
public sealed class KindFieldsTests
{
    public static TheoryData<string> Kinds => [.. DestinationKind.All.Select(k => k.Type)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_key_has_a_label_and_a_hint_and_every_key_of_a_section_is_one_its_binder_reads(string type)
    {
        var kind = DestinationKind.All.Single(k => k.Type == type);
        Assert.Equal(kind.Keys.Order(StringComparer.Ordinal), kind.Labels.Select(l => l.Key).Order(StringComparer.Ordinal));
        var all = kind.Labels.SelectMany(Flattened).ToList();
        Assert.All(all, label =>
        {
            Assert.NotEqual(label.Key, label.Label);
            Assert.False(string.IsNullOrWhiteSpace(label.Hint), $"{type}.{label.Key} has no hint");
        });

        var reader = new ConfigReader(_ => null);
        kind.Bind(ConfigSection.Open(reader, "", Probe(kind.Labels), kind.Keys)!, "probe");
        Assert.DoesNotContain(reader.Problems, p => p.Contains("unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void Shapes_come_from_the_binders()
    {
        var scim = KindFields.Of(DestinationKind.All.Single(k => k.Type == "scim")).SelectMany(f => f.Flattened)
            .ToDictionary(f => f.Path, f => f.Shape);
        Assert.Equal(FieldShape.Secret, scim["token"]);
        Assert.Equal(FieldShape.Section, scim["compatibility"]);
        Assert.Equal(FieldShape.List, scim["compatibility.filters"]);
        Assert.Equal(FieldShape.Text, scim["retries.max"]);
        var ldap = KindFields.Of(DestinationKind.All.Single(k => k.Type == "ldap")).SelectMany(f => f.Flattened)
            .ToDictionary(f => f.Path, f => f.Shape);
        Assert.Equal(FieldShape.Named, ldap["unique"]);
        Assert.Equal(FieldShape.Text, ldap["disable.value"]);
        Assert.Equal(FieldShape.Secret, ldap["password"]);
    }

    private static IEnumerable<KeyLabel> Flattened(KeyLabel label) => label.Keys.SelectMany(Flattened).Prepend(label);

    private static ConfigMap Probe(IEnumerable<KeyLabel> labels) =>
        new([.. labels.Select(l => KeyValuePair.Create<ConfigNode, ConfigNode>(new ConfigScalar(l.Key),
            l.Keys.Count > 0 ? Probe(l.Keys) : l.Named ? new ConfigMap([]) : new ConfigScalar("${PROBE}")))]);
}
