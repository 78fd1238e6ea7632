using Headwater.Core.Configuration;

namespace Headwater.Configuration;

/// <summary>
/// Reads an integration from its YAML file (docs/configuration.md): the UKG connection, where state is kept, and
/// the destinations. Secrets are <c>${VAR}</c> references to the environment, never literals. Every problem in the
/// file is reported at once, by path and line.
/// </summary>
public static class IntegrationFile
{
    private static readonly string[] Keys = ["ukg", "data", "destinations"];

    /// <param name="path">The file.</param>
    /// <param name="environment">What <c>${VAR}</c> references resolve against.</param>
    /// <param name="secrets">The secrets the caller will use; the others may be unset, and are then
    /// <see cref="ConfigReader.Unread"/>. An integration loaded without all of them must not be synced.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is not a valid integration.</exception>
    public static Integration Load(string path, Func<string, string?> environment, IntegrationSecrets secrets = IntegrationSecrets.All)
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
        return Read(environment, path, reader => ConfigDocument.FromYaml(yaml, reader), secrets);
    }

    /// <exception cref="ConfigurationException">The text is not a valid integration.</exception>
    public static Integration Parse(string yaml, Func<string, string?> environment, string? sourceName = null) =>
        Read(environment, sourceName, reader => ConfigDocument.FromYaml(yaml, reader));

    /// <summary>The same integration written as JSON (as the API receives it), checked by the same rules.</summary>
    /// <exception cref="ConfigurationException">The text is not a valid integration.</exception>
    public static Integration ParseJson(string json, Func<string, string?> environment, string? sourceName = null) =>
        Read(environment, sourceName, reader => ConfigDocument.FromJson(json, reader));

    private static Integration Read(Func<string, string?> environment, string? sourceName, Func<ConfigReader, ConfigNode?> document,
        IntegrationSecrets secrets = IntegrationSecrets.All)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var reader = new ConfigReader(environment)
        {
            SecretNeeded = secrets switch
            {
                IntegrationSecrets.UkgAndData => path => !path.StartsWith("destinations", StringComparison.Ordinal),
                IntegrationSecrets.DataOnly => path => path.StartsWith("data.", StringComparison.Ordinal),
                _ => _ => true,
            },
        };
        var root = document(reader);
        var file = root is null ? null : ConfigSection.Open(reader, "", root, Keys);
        var ukg = file is null ? null : UkgSection.Read(reader, file);
        var destinations = file is null ? [] : Destinations(reader, file);
        if (reader.Problems.Count > 0)
        {
            throw new ConfigurationException(reader.Redacted(), sourceName);
        }
        return new Integration(ukg!, destinations);
    }

    private static List<DestinationSettings> Destinations(ConfigReader reader, ConfigSection file)
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
            if (DestinationSection.Read(reader, path, node, names) is { } destination)
            {
                destinations.Add(destination);
            }
        }
        return destinations;
    }
}

/// <summary>The secrets a command needs from an integration file. <c>workers</c> and <c>check</c> talk only to UKG;
/// <c>runs</c>, <c>why</c> and <c>migrate</c> read only the state store, whose connection string is always needed
/// (without it the state would silently be looked for in SQLite).</summary>
public enum IntegrationSecrets
{
    All,
    UkgAndData,
    DataOnly,
}
