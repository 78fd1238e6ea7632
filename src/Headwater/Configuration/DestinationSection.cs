using System.Text.RegularExpressions;
using Headwater.Configuration.Model;
using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Planning;

namespace Headwater.Configuration;

/// <summary>One item of <c>destinations:</c>: its name and <c>type</c>, the kind's own settings (bound and checked by the
/// kind), and what every destination has: scope, mapping, groups, lifecycle, safety limits and concurrency.</summary>
internal static partial class DestinationSection
{
    private static readonly string[] CommonKeys = ["concurrency", "scope", "mapping", "groups", "lifecycle", "safety"];

    private static string Types => string.Join(", ", DestinationKind.All.Select(k => k.Type));

    /// <summary>The destination as written; null when it is not a mapping (reported).</summary>
    public static DestinationConfig? Bind(ConfigReader reader, string path, ConfigNode node)
    {
        var type = node is ConfigMap map && map.Entries.FirstOrDefault(e => e.Key is ConfigScalar { Value: "type" }).Value is ConfigScalar t
            ? t.Value : null;
        // An unknown type is reported when checked; the rest is still bound as the kind whose keys it uses, so every problem is found.
        var kind = Find(type) ?? Guess(node);
        IReadOnlyList<string>? keys = kind is null ? null : ["name", "type", .. kind.Keys, .. CommonKeys];
        if (ConfigSection.Open(reader, path, node, keys) is not { } destination)
        {
            return null;
        }
        var name = destination.Text("name");
        var settings = kind?.Bind(destination, name is not null && Name().IsMatch(name) ? name : "destination");
        return new DestinationConfig(name, destination.Text("type"), settings, destination.Text("concurrency"), ScopeSection.Bind(reader, destination),
            MappingSection.Bind(reader, destination), MappingSection.BindGroups(reader, destination), LifecycleSection.Bind(destination),
            LifecycleSection.BindSafety(destination));
    }

    public static ConfigMap Write(DestinationConfig destination)
    {
        var map = new ConfigMapBuilder().Text("name", destination.Name).Text("type", destination.Type);
        destination.Settings?.Write(map);
        return map.Bare("concurrency", destination.Concurrency).Add("scope", ScopeSection.Write(destination.Scope))
            .Add("mapping", MappingSection.Write(destination.Mapping)).Add("groups", MappingSection.WriteGroups(destination.Groups))
            .Add("lifecycle", LifecycleSection.Write(destination.Lifecycle)).Add("safety", LifecycleSection.Write(destination.Safety))
            .Build(empty: true)!;
    }

    /// <summary>The destination, or null when any of it is wrong (the problems are in the check's reader).
    /// <paramref name="names"/> holds the names taken by earlier destinations, with their paths.</summary>
    public static DestinationSettings? Validate(ConfigCheck check, DestinationConfig written, Dictionary<string, string> names)
    {
        var reader = check.Reader;
        var before = reader.Problems.Count;
        var named = Kind(check, written);
        // The settings are checked by the kind that owns them, so a mistyped type still has the rest checked.
        var kind = named ?? (written.Settings is { } s ? DestinationKind.All.FirstOrDefault(k => k.Owns(s)) : null);
        if (kind is null)
        {
            return null;
        }
        var name = check.Text("name", written.Name, required: true);
        if (name is not null && !names.TryAdd(name.Trim(), check.Path))
        {
            check.Problem("name", $"'{name}' is also the name of {names[name.Trim()]}; names must be unique");
        }
        if (name is not null && !Name().IsMatch(name))
        {
            check.Problem("name", $"'{name}' must be lower-case letters, digits and '-'");
        }
        var options = kind.Validate(written.Settings!, check, name is not null && Name().IsMatch(name) ? name : "destination");
        var concurrency = check.WholeNumber("concurrency", written.Concurrency, 1, 64);
        var scope = ScopeSection.Validate(check, written.Scope);
        var (mapper, lookups) = MappingSection.Validate(check, written.Mapping, kind);
        var groups = MappingSection.Groups(check, written.Groups, lookups);
        if (groups is { Rules.Count: > 0 } && options is not null && kind.CheckGroups(options) is { } noGroups)
        {
            check.Problem("groups", noGroups);
        }
        var policy = LifecycleSection.Policy(check, written.Lifecycle, new SyncPolicy { MatchBy = kind.MatchBy });
        var limits = LifecycleSection.Limits(check, written.Safety);
        if (reader.Problems.Count > before || named is null)
        {
            return null;
        }
        return new DestinationSettings(name!, kind, options!, mapper!, policy!, limits!, scope!, groups!, concurrency ?? 8)
        {
            Fingerprint = ConfigText.Hash(Write(written)),
        };
    }

    /// <summary>The kind named by <c>type:</c>; null (reported) when it is missing or unknown, or does not own the settings.</summary>
    private static DestinationKind? Kind(ConfigCheck check, DestinationConfig written)
    {
        if (written.Type is null)
        {
            if (!check.Reader.Reported(check.At("type")))
            {
                check.Problem("type", $"required ({Types})");
            }
            return null;
        }
        if (Find(written.Type) is not { } kind)
        {
            check.Problem("type", $"'{written.Type}' is not one of {Types}");
            return null;
        }
        if (written.Settings is not { } settings || !kind.Owns(settings))
        {
            check.Problem("type", $"the settings given are not those of a {kind.Type} destination");
            return null;
        }
        return kind;
    }

    private static DestinationKind? Find(string? type) =>
        DestinationKind.All.FirstOrDefault(k => string.Equals(k.Type, type?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The kind whose own keys the destination uses most, if one uses more than any other (<c>url</c> alone
    /// is both a SCIM and a webhook key; <c>url</c> and <c>token</c> are SCIM's).</summary>
    private static DestinationKind? Guess(ConfigNode node)
    {
        var keys = node is ConfigMap map ? map.Entries.Select(e => (e.Key as ConfigScalar)?.Value).OfType<string>().ToHashSet() : [];
        var candidates = DestinationKind.All.Select(k => (Kind: k, Used: k.Keys.Count(keys.Contains))).Where(c => c.Used > 0)
            .OrderByDescending(c => c.Used).ToList();
        return candidates.Count == 1 || candidates.Count > 1 && candidates[0].Used > candidates[1].Used ? candidates[0].Kind : null;
    }

    /// <summary>What a destination's (and an integration's) name may be.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    internal static partial Regex Name();
}
