using System.Text.RegularExpressions;
using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Planning;

namespace Headwater.Configuration;

/// <summary>One item of <c>destinations:</c>: its name and <c>type</c>, the kind's own settings (read by the kind),
/// and what every destination has: scope, mapping, groups, lifecycle, safety limits and concurrency.</summary>
internal static partial class DestinationSection
{
    private static readonly string[] CommonKeys = ["concurrency", "scope", "mapping", "groups", "lifecycle", "safety"];

    /// <summary>The destination, or null when any of it is wrong (the problems are in <paramref name="reader"/>).</summary>
    /// <paramref name="names"/> holds the names taken by earlier destinations, with their paths.
    public static DestinationSettings? Read(ConfigReader reader, string path, ConfigNode node, Dictionary<string, string> names)
    {
        var named = Kind(reader, path, node);
        // An unknown type is reported; the rest is still checked as the kind whose keys it uses, so every problem is found.
        var kind = named ?? Guess(node);
        IReadOnlyList<string>? keys = kind is null ? null : ["name", "type", .. kind.Keys, .. CommonKeys];
        if (ConfigSection.Open(reader, path, node, keys) is not { } destination || kind is null)
        {
            return null;
        }
        var before = reader.Problems.Count;
        var name = destination.Text("name", required: true);
        if (name is not null && !names.TryAdd(name.Trim(), path))
        {
            destination.Problem("name", $"'{name}' is also the name of {names[name.Trim()]}; names must be unique");
        }
        if (name is not null && !Name().IsMatch(name))
        {
            destination.Problem("name", $"'{name}' must be lower-case letters, digits and '-'");
        }
        var options = kind.ReadOptions(destination, name is not null && Name().IsMatch(name) ? name : "destination");
        var concurrency = destination.WholeNumber("concurrency", 1, 64);
        var scope = ScopeSection.Read(reader, destination);
        var (mapper, lookups) = MappingSection.Read(reader, destination, kind);
        var groups = MappingSection.Groups(reader, destination, lookups);
        if (groups is { Rules.Count: > 0 } && options is not null && kind.CheckGroups(options) is { } noGroups)
        {
            destination.Problem("groups", noGroups);
        }
        var policy = LifecycleSection.Policy(reader, destination, new SyncPolicy { MatchBy = kind.MatchBy });
        var limits = LifecycleSection.Limits(destination);
        if (reader.Problems.Count > before || named is null)
        {
            return null;
        }
        return new DestinationSettings(name!, kind, options!, mapper!, policy!, limits!, scope!, groups!, concurrency ?? 8)
        {
            Fingerprint = ConfigText.Hash(node),
        };
    }

    /// <summary>The kind named by <c>type:</c>; null (reported) when it is missing or unknown, since the keys a
    /// destination may have depend on it.</summary>
    private static DestinationKind? Kind(ConfigReader reader, string path, ConfigNode node)
    {
        var types = string.Join(", ", DestinationKind.All.Select(k => k.Type));
        var at = path.Length == 0 ? "type" : $"{path}.type";
        if (node is not ConfigMap map)
        {
            return null; // reported when the section is opened
        }
        var entry = map.Entries.FirstOrDefault(e => e.Key is ConfigScalar { Value: "type" });
        if (entry.Value is not ConfigScalar { IsNull: false, Value: { } type })
        {
            reader.Add(at, entry.Value ?? node, $"required ({types})");
            return null;
        }
        var kind = DestinationKind.All.FirstOrDefault(k => string.Equals(k.Type, type.Trim(), StringComparison.OrdinalIgnoreCase));
        if (kind is null)
        {
            reader.Add(at, entry.Value, $"'{type}' is not one of {types}");
        }
        return kind;
    }

    /// <summary>The one kind whose own keys the destination uses, if there is exactly one.</summary>
    private static DestinationKind? Guess(ConfigNode node)
    {
        var keys = node is ConfigMap map ? map.Entries.Select(e => (e.Key as ConfigScalar)?.Value).OfType<string>().ToHashSet() : [];
        var candidates = DestinationKind.All.Where(k => k.Keys.Any(keys.Contains)).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Name();
}
