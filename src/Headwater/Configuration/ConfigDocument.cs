using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headwater.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Headwater.Configuration;

/// <summary>Reads a configuration document, YAML (with line numbers) or JSON, into the tree the section readers
/// validate. Syntax errors are added to the reader as problems; the result is then null.</summary>
public static partial class ConfigDocument
{
    public static ConfigNode? FromYaml(string yaml, ConfigReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // YamlDotNet prefixes its message with both marks; the line alone is enough.
            reader.Add("", e.Start.Line, Position().Replace(e.Message, ""));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some broken flow collections.
            reader.Add("", (ConfigNode?)null, "not valid YAML: look for an unclosed [, { or quote, or a value with a ': ' that needs quotes");
            return null;
        }
        switch (stream.Documents.Count)
        {
            case 0:
                reader.Add("", (ConfigNode?)null, "the file is empty");
                return null;
            case > 1:
                reader.Add("", stream.Documents[1].RootNode.Start.Line, "the file must hold one YAML document, not several");
                return null;
            default:
                return Convert(stream.Documents[0].RootNode);
        }
    }

    public static ConfigNode? FromJson(string json, ConfigReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            reader.Add("", e.LineNumber + 1, $"not valid JSON: {e.Message}");
            return null;
        }
    }

    private static ConfigNode Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new ConfigMap([.. map.Children.Select(c => KeyValuePair.Create(Convert(c.Key), Convert(c.Value)))], node.Start.Line),
        YamlSequenceNode list => new ConfigList([.. list.Children.Select(Convert)], node.Start.Line),
        YamlScalarNode scalar => new ConfigScalar(scalar.Value, node.Start.Line,
            scalar is { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" }),
        _ => new ConfigScalar(null, node.Start.Line, IsNull: true), // an alias: resolved by YamlDotNet before here
    };

    private static ConfigNode Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new ConfigMap([.. element.EnumerateObject().Select(p => KeyValuePair.Create<ConfigNode, ConfigNode>(
            new ConfigScalar(p.Name), Convert(p.Value)))]),
        JsonValueKind.Array => new ConfigList([.. element.EnumerateArray().Select(Convert)]),
        JsonValueKind.String => new ConfigScalar(element.GetString()),
        JsonValueKind.Number => new ConfigScalar(element.GetRawText()),
        JsonValueKind.True => new ConfigScalar(bool.TrueString.ToLower(CultureInfo.InvariantCulture)),
        JsonValueKind.False => new ConfigScalar(bool.FalseString.ToLower(CultureInfo.InvariantCulture)),
        _ => new ConfigScalar(null, IsNull: true),
    };

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex Position();
}
