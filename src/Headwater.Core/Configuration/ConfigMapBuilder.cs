using System.Text.RegularExpressions;

namespace Headwater.Core.Configuration;

/// <summary>Writes a model back as a mapping, key by key in the file's order; a value that is not set is left out.
/// Numbers and booleans are marked to be written bare in JSON when they are written as such (not as a <c>${VAR}</c>).</summary>
public sealed partial class ConfigMapBuilder
{
    private readonly List<KeyValuePair<ConfigNode, ConfigNode>> entries = [];

    public ConfigMapBuilder Text(string key, string? value) => Add(key, value is null ? null : new ConfigScalar(value));

    public ConfigMapBuilder Secret(string key, SecretRef? value) => Text(key, value?.ToString());

    /// <summary>A number or <c>true</c>/<c>false</c>, as written.</summary>
    public ConfigMapBuilder Bare(string key, string? value) => Add(key, value is null ? null : Scalar(value));

    public ConfigMapBuilder Texts(string key, IReadOnlyList<string>? values, bool bare = false) =>
        Add(key, values is null ? null : new ConfigList([.. values.Select(v => bare ? Scalar(v) : new ConfigScalar(v))]));

    public ConfigMapBuilder Add(string key, ConfigNode? value)
    {
        if (value is not null)
        {
            entries.Add(KeyValuePair.Create<ConfigNode, ConfigNode>(new ConfigScalar(key), value));
        }
        return this;
    }

    /// <summary>The mapping; null when nothing was set and <paramref name="empty"/> is false.</summary>
    public ConfigMap? Build(bool empty = false) => entries.Count > 0 || empty ? new ConfigMap([.. entries]) : null;

    private static ConfigScalar Scalar(string value) => new(value, Unquoted: value is "true" or "false" || JsonNumber().IsMatch(value));

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
