using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Headwater.Configuration;

/// <summary>
/// Reads an integration from its YAML file (docs/configuration.md): the UKG connection, where state is kept, and
/// the destinations. Secrets are <c>${VAR}</c> references to the environment, never literals. Every problem in the
/// file is reported at once, by path and line.
/// </summary>
public static partial class IntegrationFile
{
    private static readonly string[] Keys = ["ukg", "data", "destinations"];

    /// <exception cref="ConfigurationException">The file cannot be read or is not a valid integration.</exception>
    public static Integration Load(string path, Func<string, string?> environment)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([e.Message], path);
        }
        return Parse(yaml, environment, path);
    }

    /// <exception cref="ConfigurationException">The text is not a valid integration.</exception>
    public static Integration Parse(string yaml, Func<string, string?> environment, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var reader = new ConfigReader(environment);
        var root = Document(yaml, reader);
        var file = root is null ? null : Section.Open(reader, "", root, Keys);
        var ukg = file is null ? null : UkgSection.Read(reader, file);
        var destinations = file is null ? [] : Destinations(reader, file);
        if (reader.Problems.Count > 0)
        {
            throw new ConfigurationException(reader.Redacted(), sourceName);
        }
        return new Integration(ukg!, destinations);
    }

    private static YamlNode? Document(string yaml, ConfigReader reader)
    {
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
        switch (stream.Documents.Count)
        {
            case 0:
                reader.Add("", (YamlNode?)null, "the file is empty");
                return null;
            case > 1:
                reader.Add("", stream.Documents[1].RootNode, "the file must hold one YAML document, not several");
                return null;
            default:
                return stream.Documents[0].RootNode;
        }
    }

    private static List<DestinationSettings> Destinations(ConfigReader reader, Section file)
    {
        var items = file.List("destinations");
        if (items.Count == 0)
        {
            file.Problem("destinations", "at least one destination is required");
        }
        var destinations = new List<DestinationSettings>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, node) in items)
        {
            var section = Section.Open(reader, path, node, DestinationSection.Keys);
            if (section is null)
            {
                continue;
            }
            if (section.Value("name") is YamlScalarNode { Value: { } name } && !names.TryAdd(name.Trim(), path))
            {
                section.Problem("name", $"'{name}' is also the name of {names[name]}; names must be unique");
            }
            if (DestinationSection.Read(reader, section) is { } destination)
            {
                destinations.Add(destination);
            }
        }
        return destinations;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex Position();
}
