namespace Headwater.Core.Configuration;

/// <summary>Where each value of a document was written: its path (<c>destinations[0].mapping</c>) to its line. Kept
/// beside a model read from a file, so that a problem found in the model can name its line.</summary>
public static class ConfigLines
{
    public static IReadOnlyDictionary<string, long> Of(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        Add(root, "", lines);
        return lines;
    }

    private static void Add(ConfigNode node, string path, Dictionary<string, long> lines)
    {
        if (node.Line is { } line)
        {
            lines.TryAdd(path, line);
        }
        switch (node)
        {
            case ConfigList list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    Add(list.Items[i], $"{path}[{i}]", lines);
                }
                break;
            case ConfigMap map:
                foreach (var (key, value) in map.Entries)
                {
                    if (key is ConfigScalar { Value: { } name })
                    {
                        Add(value, path.Length == 0 ? name : $"{path}.{name}", lines);
                    }
                }
                break;
        }
    }
}
