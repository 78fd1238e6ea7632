using System.Globalization;

namespace Headwater.Core.Configuration;

/// <summary>
/// One mapping of a configuration document at a known path, read key by key. Unknown keys are reported when it is opened; each read
/// reports what is wrong with its value and returns null, so that reading goes on and every problem is found.
/// A key written with no value (or <c>~</c>, <c>null</c>) counts as absent.
/// </summary>
public sealed class ConfigSection
{
    private readonly ConfigReader reader;
    private readonly Dictionary<string, (ConfigNode Key, ConfigNode Value)> entries = new(StringComparer.Ordinal);

    private ConfigSection(ConfigReader reader, string path, ConfigMap node)
    {
        this.reader = reader;
        Path = path;
        Node = node;
    }

    public string Path { get; }

    /// <summary>Where problems go, and the environment <c>${VAR}</c> resolves against.</summary>
    public ConfigReader Reader => reader;

    public ConfigMap Node { get; }

    /// <summary>The keys in file order, for mappings whose keys are data (lookup tables).</summary>
    public IEnumerable<string> Keys => entries.Keys;

    /// <summary>Opens a mapping; <paramref name="keys"/> are those allowed, or null for any.</summary>
    public static ConfigSection? Open(ConfigReader reader, string path, ConfigNode node, IReadOnlyList<string>? keys)
    {
        if (node is not ConfigMap mapping)
        {
            reader.Add(path, node, keys is null ? "expected a mapping of keys to values" : $"expected a mapping with the keys {string.Join(", ", keys)}");
            return null;
        }
        var section = new ConfigSection(reader, path, mapping);
        foreach (var (key, value) in mapping.Entries)
        {
            if (key is not ConfigScalar { Value: { } name })
            {
                reader.Add(path, key, "a key must be plain text");
            }
            else if (keys is not null && !keys.Contains(name, StringComparer.Ordinal))
            {
                reader.Add(section.At(name), key, $"unknown key; the keys here are {string.Join(", ", keys)}");
            }
            else
            {
                section.entries[name] = (key, value);
            }
        }
        return section;
    }

    public string At(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value's node, or null when the key is absent or has no value.</summary>
    public ConfigNode? Value(string key) =>
        entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    public bool Has(string key) => Value(key) is not null;

    /// <summary>Written, even if with no value: <c>maxDeletions: ~</c> differs from leaving it out.</summary>
    public bool Written(string key) => entries.ContainsKey(key);

    /// <summary>Reports a problem with a key's value (or, when it is absent, with this mapping).</summary>
    public void Problem(string key, string message) =>
        reader.Add(At(key), entries.TryGetValue(key, out var entry) ? entry.Value : Node, message);

    public ConfigSection? Child(string key, params string[]? keys) =>
        Value(key) is { } node ? Open(reader, At(key), node, keys) : null;

    /// <summary>A text value with <c>${VAR}</c> references resolved.</summary>
    public string? Text(string key, bool required = false)
    {
        if (Value(key) is not { } node)
        {
            if (required)
            {
                reader.Add(At(key), Node, "required");
            }
            return null;
        }
        return ItemText(At(key), node);
    }

    /// <summary>A secret: only a <c>${VAR}</c> reference is accepted, never a literal.</summary>
    public string? Secret(string key, string suggested) => Value(key) switch
    {
        null => null,
        ConfigScalar { Value: { } text } node => reader.Secret(text, At(key), node, suggested),
        var node => Invalid<string>(key, node, $"write ${{{suggested}}}, not the secret itself"),
    };

    public int? WholeNumber(string key, int min, int max)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return Invalid<int>(key, $"'{text}' is not a whole number");
        }
        return value < min || value > max ? Invalid<int>(key, $"{value} is outside {min}..{max}") : value;
    }

    public double? Number(string key, double min, double max)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Invalid<double>(key, $"'{text}' is not a number");
        }
        return value < min || value > max
            ? Invalid<double>(key, $"{value.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}")
            : value;
    }

    public bool? Bool(string key) => Text(key)?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var text => Invalid<bool>(key, $"'{text}' is not true or false"),
    };

    /// <summary>One of the named values, matched ignoring case; an unknown one is reported with the allowed names.</summary>
    public T? Choice<T>(string key, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct => Value(key) is { } node ? Match(ItemText(At(key), node), At(key), node, choices) : null;

    /// <summary>A list of named values; null when absent or when any item is not one of them.</summary>
    public IReadOnlyList<T>? Choices<T>(string key, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        if (!Written(key))
        {
            return null;
        }
        var values = new List<T>();
        var ok = true;
        foreach (var (path, node) in List(key))
        {
            var value = Match(ItemText(path, node), path, node, choices);
            ok &= value is not null;
            values.Add(value.GetValueOrDefault());
        }
        return ok ? values : null;
    }

    /// <summary>The items of a list, each with its path (<c>key[i]</c>); a single value counts as a list of one.</summary>
    public IReadOnlyList<(string Path, ConfigNode Node)> List(string key) => Value(key) switch
    {
        null => [],
        ConfigList sequence => [.. sequence.Items.Select((item, i) => ($"{At(key)}[{i}]", item))],
        ConfigScalar scalar => [($"{At(key)}[0]", scalar)],
        var node => Invalid(key, node, "expected a list", Array.Empty<(string, ConfigNode)>()),
    };

    /// <summary>A list of text values; null when absent or when any item is not text.</summary>
    public IReadOnlyList<string>? Texts(string key)
    {
        if (!Has(key))
        {
            return null;
        }
        var texts = new List<string>();
        var ok = true;
        foreach (var (path, node) in List(key))
        {
            var text = ItemText(path, node);
            ok &= text is not null;
            texts.Add(text ?? "");
        }
        return ok ? texts : null;
    }

    private string? ItemText(string path, ConfigNode node)
    {
        if (node is ConfigScalar { Value: { } text })
        {
            return reader.Substitute(text, path, node);
        }
        reader.Add(path, node, "expected a single value, not a list or mapping");
        return null;
    }

    private T? Match<T>(string? text, string path, ConfigNode node, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }
        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        reader.Add(path, node, $"'{text}' is not one of {string.Join(", ", choices.Select(c => c.Name))}");
        return null;
    }

    private static bool IsNull(ConfigNode node) => node is ConfigScalar { IsNull: true };

    private T? Invalid<T>(string key, string message)
        where T : struct => Invalid(key, entries[key].Value, message, default(T?));

    private T? Invalid<T>(string key, ConfigNode node, string message)
        where T : class => Invalid(key, node, message, default(T));

    private TResult Invalid<TResult>(string key, ConfigNode node, string message, TResult result)
    {
        reader.Add(At(key), node, message);
        return result;
    }
}
