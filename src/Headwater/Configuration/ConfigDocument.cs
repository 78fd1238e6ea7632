using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headwater.Core.Configuration;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Headwater.Configuration;

/// <summary>Reads a configuration document, YAML (with line numbers) or JSON, into the tree the model is bound from,
/// and writes a tree back out as either. Syntax errors are added to the reader as problems; the result is then null.</summary>
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

    /// <summary>The tree as block YAML; a text our reader would take for no value (<c>~</c>, <c>null</c>, empty) is quoted.</summary>
    public static string ToYaml(ConfigNode node)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>The tree as indented JSON; numbers and booleans marked <see cref="ConfigScalar.Unquoted"/> are written bare.</summary>
    public static string ToJson(ConfigNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, node);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Emit(IEmitter emitter, ConfigNode node)
    {
        switch (node)
        {
            case ConfigScalar { IsNull: true }:
                emitter.Emit(new Scalar(null, null, "~", ScalarStyle.Plain, true, false));
                break;
            case ConfigScalar scalar:
                var value = scalar.Value ?? "";
                var style = scalar.Unquoted ? ScalarStyle.Plain
                    : value is "" or "~" or "null" or "Null" or "NULL" ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
                emitter.Emit(new Scalar(null, null, value, style, true, true));
                break;
            case ConfigList list:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    Emit(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case ConfigMap map:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, item) in map.Entries)
                {
                    Emit(emitter, key);
                    Emit(emitter, item);
                }
                emitter.Emit(new MappingEnd());
                break;
        }
    }

    private static void Write(Utf8JsonWriter writer, ConfigNode node)
    {
        switch (node)
        {
            case ConfigScalar { IsNull: true }:
                writer.WriteNullValue();
                break;
            case ConfigScalar { Unquoted: true, Value: { } value }:
                writer.WriteRawValue(value);
                break;
            case ConfigScalar scalar:
                writer.WriteStringValue(scalar.Value);
                break;
            case ConfigList list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case ConfigMap map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName((key as ConfigScalar)?.Value ?? "");
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
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
