namespace Headwater.Core.Configuration;

/// <summary>
/// One mapping of a configuration document at a known path, bound key by key into the model, values as written. Unknown keys are
/// reported when it is opened; each read reports a value of the wrong shape (a list for a single value, a literal secret) and
/// returns null, so that reading goes on and every problem is found. What the values mean is checked on the model
/// (<see cref="ConfigCheck"/>). A key written with no value (or <c>~</c>, <c>null</c>) counts as absent.
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

    /// <summary>A single value as written (<c>${VAR}</c> references kept); null when absent or not a single value.</summary>
    public string? Text(string key) => Value(key) is { } node ? ItemText(At(key), node) : null;

    /// <summary>A secret: only a <c>${VAR}</c> reference is accepted, never a literal, which is not echoed (it may be the secret).</summary>
    public SecretRef? Secret(string key, string suggested)
    {
        if (Value(key) is not { } node)
        {
            return null;
        }
        if (node is ConfigScalar { Value: var text } && SecretRef.TryParse(text, out var secret))
        {
            return secret;
        }
        return Invalid<SecretRef>(key, node, $"write ${{{suggested}}}, not the secret itself");
    }

    /// <summary>The items of a list, each with its path (<c>key[i]</c>); a single value counts as a list of one.</summary>
    public IReadOnlyList<(string Path, ConfigNode Node)> List(string key) => Value(key) switch
    {
        null => [],
        ConfigList sequence => [.. sequence.Items.Select((item, i) => ($"{At(key)}[{i}]", item))],
        ConfigScalar scalar => [($"{At(key)}[0]", scalar)],
        var node => Invalid(key, node, "expected a list", Array.Empty<(string, ConfigNode)>()),
    };

    /// <summary>A list of values as written; null when absent or when any item is not a single value.</summary>
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
            return text;
        }
        reader.Add(path, node, "expected a single value, not a list or mapping");
        return null;
    }

    private static bool IsNull(ConfigNode node) => node is ConfigScalar { IsNull: true };

    private T? Invalid<T>(string key, ConfigNode node, string message)
        where T : class => Invalid(key, node, message, default(T));

    private TResult Invalid<TResult>(string key, ConfigNode node, string message, TResult result)
    {
        reader.Add(At(key), node, message);
        return result;
    }
}
