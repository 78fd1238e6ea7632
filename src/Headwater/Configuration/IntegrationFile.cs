using Headwater.Configuration.Model;
using Headwater.Core.Configuration;

namespace Headwater.Configuration;

/// <summary>
/// Reads an integration from its YAML file (docs/configuration.md): the UKG connection, where state is kept, and
/// the destinations. Secrets are <c>${VAR}</c> references to the environment, never literals. Every problem in the
/// file is reported at once, by path and line. A document is bound into the model (<see cref="IntegrationConfig"/>), which is
/// then checked; the model can be written back as YAML or JSON.
/// </summary>
public static class IntegrationFile
{
    private static readonly string[] Keys = ["name", "ukg", "data", "schedule", "notifications", "destinations"];

    private const string Several = "integrations";

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

    /// <summary>The integration as written, with the line of each value, without checking what the values mean or
    /// reading the environment; <see cref="Validate"/> does that.</summary>
    /// <exception cref="ConfigurationException">The text is not YAML, or not shaped as an integration.</exception>
    public static IntegrationSource ReadModel(string yaml, string? sourceName = null) =>
        Source(sourceName, reader => ConfigDocument.FromYaml(yaml, reader));

    /// <summary>Every integration in a file: the one it holds, or each of those listed under <c>integrations:</c>
    /// (which must then be named, each differently). The lines of each are by its own paths (<c>ukg.password</c>).</summary>
    /// <exception cref="ConfigurationException">The text is not YAML, or not shaped as integrations.</exception>
    public static IReadOnlyList<IntegrationSource> ReadModels(string yaml, string? sourceName = null)
    {
        var reader = new ConfigReader(_ => null);
        var root = ConfigDocument.FromYaml(yaml, reader);
        var sources = new List<IntegrationSource>();
        if (root is not null)
        {
            reader.Lines = ConfigLines.Of(root);
            if (!HasSeveral(root))
            {
                sources.AddRange(BindOne(reader, "", root) is { } config ? [new IntegrationSource(config, reader.Lines)] : []);
            }
            else if (ConfigSection.Open(reader, "", root, [Several]) is { } file)
            {
                sources.AddRange(BindSeveral(reader, file));
            }
        }
        return reader.Problems.Count > 0 ? throw new ConfigurationException(reader.Problems, sourceName) : sources;
    }

    /// <summary>The same as <see cref="ReadModel"/>, from JSON.</summary>
    /// <exception cref="ConfigurationException">The text is not JSON, or not shaped as an integration.</exception>
    public static IntegrationSource ReadModelJson(string json, string? sourceName = null) =>
        Source(sourceName, reader => ConfigDocument.FromJson(json, reader));

    /// <summary>Checks an integration's configuration and builds what the engine runs. Problems are named by path, with
    /// the line when <paramref name="lines"/> says where the model was read from.</summary>
    /// <param name="config">The configuration, read from a file or built in code.</param>
    /// <param name="environment">What <c>${VAR}</c> references resolve against.</param>
    /// <param name="secrets">The secrets the caller will use (see <see cref="Load"/>).</param>
    /// <param name="lines">Where each value was written, by path (<see cref="IntegrationSource.Lines"/>).</param>
    /// <param name="sourceName">What the exception calls the configuration.</param>
    /// <exception cref="ConfigurationException">The configuration is not a valid integration.</exception>
    public static Integration Validate(IntegrationConfig config, Func<string, string?> environment,
        IntegrationSecrets secrets = IntegrationSecrets.All, IReadOnlyDictionary<string, long>? lines = null, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var reader = Reader(environment, secrets);
        reader.Lines = lines ?? reader.Lines;
        var integration = Check(config, reader);
        return reader.Problems.Count > 0 ? throw new ConfigurationException(reader.Redacted(), sourceName) : integration!;
    }

    /// <summary>The configuration as YAML that <see cref="Parse"/> reads back to the same model; secrets stay <c>${VAR}</c>.</summary>
    public static string WriteYaml(IntegrationConfig config) => ConfigDocument.ToYaml(Write(config));

    /// <summary>The configuration as JSON (the API's form) that <see cref="ParseJson"/> reads back to the same model.</summary>
    public static string WriteJson(IntegrationConfig config) => ConfigDocument.ToJson(Write(config));

    /// <summary>Several integrations as one YAML file, under <c>integrations:</c>, that <see cref="ReadModels"/> reads back.</summary>
    public static string WriteYaml(IReadOnlyList<IntegrationConfig> configs) =>
        ConfigDocument.ToYaml(new ConfigMapBuilder().Add(Several, new ConfigList([.. configs.Select(Write)])).Build(empty: true)!);

    /// <summary>Each value of the configuration as written, by path (<c>destinations[0].mapping.attributes[1].value</c>),
    /// in the file's order: what a change to it is shown as. Secrets are their <c>${VAR}</c> references.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Values(IntegrationConfig config)
    {
        var values = new List<KeyValuePair<string, string>>();
        Flatten(Write(config), "", values);
        return values;
    }

    /// <summary>The secrets the configuration names, by path; checked as <see cref="Validate"/> checks them, so every
    /// secret a destination kind declares is found.</summary>
    public static IReadOnlyDictionary<string, SecretRef> Secrets(IntegrationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var reader = new ConfigReader(_ => null) { SecretNeeded = _ => false };
        Check(config, reader);
        return reader.Secrets;
    }

    /// <summary>One text for the configuration's content: two models are the same configuration when their texts are equal.</summary>
    public static string Canonical(IntegrationConfig config) => ConfigText.Canonical(Write(config));

    private static ConfigMap Write(IntegrationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ConfigMapBuilder().Text("name", config.Name).Add("ukg", UkgSection.Write(config.Ukg))
            .Add("data", UkgSection.Write(config.Data)).Add("schedule", ScheduleSection.Write(config.Schedule))
            .Add("notifications", NotificationsSection.Write(config.Notifications))
            .Add("destinations", new ConfigList([.. config.Destinations.Select(DestinationSection.Write)])).Build(empty: true)!;
    }

    private static Integration Read(Func<string, string?> environment, string? sourceName, Func<ConfigReader, ConfigNode?> document,
        IntegrationSecrets secrets = IntegrationSecrets.All)
    {
        var reader = Reader(environment, secrets);
        var config = Bind(reader, document(reader));
        var integration = config is null ? null : Check(config, reader);
        return reader.Problems.Count > 0 ? throw new ConfigurationException(reader.Redacted(), sourceName) : integration!;
    }

    private static IntegrationSource Source(string? sourceName, Func<ConfigReader, ConfigNode?> document)
    {
        var reader = new ConfigReader(_ => null);
        var config = Bind(reader, document(reader));
        return reader.Problems.Count > 0 ? throw new ConfigurationException(reader.Problems, sourceName) : new IntegrationSource(config!, reader.Lines);
    }

    private static ConfigReader Reader(Func<string, string?> environment, IntegrationSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new ConfigReader(environment)
        {
            SecretNeeded = secrets switch
            {
                IntegrationSecrets.UkgAndData => path => !path.StartsWith("destinations", StringComparison.Ordinal),
                IntegrationSecrets.DataOnly => path => path.StartsWith("data.", StringComparison.Ordinal),
                _ => _ => true,
            },
        };
    }

    /// <summary>The model of a document, keeping where each value was written in the reader; null when the document
    /// could not be read, or one of its destinations is not a mapping (the paths of the others would not line up).</summary>
    private static IntegrationConfig? Bind(ConfigReader reader, ConfigNode? root)
    {
        if (root is null)
        {
            return null;
        }
        reader.Lines = ConfigLines.Of(root);
        if (HasSeveral(root))
        {
            reader.Add(Several, "this file holds several integrations, for `headwater apply`; this command takes a file with one " +
                "(`headwater export NAME -o FILE` writes one out)");
            return null;
        }
        return BindOne(reader, "", root);
    }

    private static IntegrationConfig? BindOne(ConfigReader reader, string path, ConfigNode node)
    {
        if (ConfigSection.Open(reader, path, node, Keys) is not { } file)
        {
            return null;
        }
        var (ukg, data) = UkgSection.Bind(file);
        var destinations = file.List("destinations").Select(item => DestinationSection.Bind(reader, item.Path, item.Node)).ToList();
        return destinations.Any(d => d is null) ? null
            : new IntegrationConfig([.. destinations.Select(d => d!)], ukg, data, file.Text("name"), ScheduleSection.Bind(file),
                NotificationsSection.Bind(file));
    }

    /// <summary>The items of <c>integrations:</c>, each named, every name different.</summary>
    private static List<IntegrationSource> BindSeveral(ConfigReader reader, ConfigSection file)
    {
        var items = file.List(Several);
        if (items.Count == 0)
        {
            file.Problem(Several, "list at least one integration");
        }
        var sources = new List<IntegrationSource>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, node) in items)
        {
            if (BindOne(reader, path, node) is not { } config)
            {
                continue;
            }
            if (config.Name is null)
            {
                reader.Add($"{path}.name", "required: each integration listed under integrations: is named");
            }
            else if (!names.TryAdd(config.Name.Trim(), path))
            {
                reader.Add($"{path}.name", $"'{config.Name}' is also the name of {names[config.Name.Trim()]}; names must be unique");
            }
            var prefix = path + ".";
            var lines = reader.Lines.Where(l => l.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(l => l.Key[prefix.Length..], l => l.Value, StringComparer.Ordinal);
            if (reader.Lines.TryGetValue(path, out var line))
            {
                lines[""] = line;
            }
            sources.Add(new IntegrationSource(config, lines) { Path = path });
        }
        return sources;
    }

    private static bool HasSeveral(ConfigNode root) =>
        root is ConfigMap map && map.Entries.Any(e => e.Key is ConfigScalar { Value: Several });

    private static void Flatten(ConfigNode node, string path, List<KeyValuePair<string, string>> values)
    {
        switch (node)
        {
            case ConfigScalar scalar:
                values.Add(KeyValuePair.Create(path, scalar.IsNull ? "~" : scalar.Value ?? ""));
                break;
            case ConfigList { Items.Count: 0 }:
                values.Add(KeyValuePair.Create(path, "[]"));
                break;
            case ConfigMap { Entries.Count: 0 }:
                values.Add(KeyValuePair.Create(path, "{}"));
                break;
            case ConfigList list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    Flatten(list.Items[i], $"{path}[{i}]", values);
                }
                break;
            case ConfigMap map:
                foreach (var (key, value) in map.Entries)
                {
                    var name = (key as ConfigScalar)?.Value ?? "";
                    Flatten(value, path.Length == 0 ? name : $"{path}.{name}", values);
                }
                break;
        }
    }

    private static Integration? Check(IntegrationConfig config, ConfigReader reader)
    {
        var ukg = UkgSection.Validate(reader, config);
        var file = new ConfigCheck(reader, "");
        if (config.Name is { } name && !DestinationSection.Name().IsMatch(name))
        {
            file.Problem("name", $"'{name}' must be lower-case letters, digits and '-'");
        }
        if (config.Destinations.Count == 0)
        {
            file.Problem("destinations", "at least one destination is required");
        }
        var destinations = new List<DestinationSettings>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < config.Destinations.Count; i++)
        {
            if (DestinationSection.Validate(file.Item("destinations", i), config.Destinations[i], names) is { } destination)
            {
                destinations.Add(destination);
            }
        }
        var schedule = ScheduleSection.Validate(file, config.Schedule, ukg?.Connection.TimeZone ?? "UTC");
        var notifications = NotificationsSection.Validate(file, config.Notifications);
        return ukg is null || schedule is null || notifications is null ? null
            : new Integration(ukg, destinations) { Name = config.Name, Schedule = schedule, Notifications = notifications };
    }
}

/// <summary>An integration's configuration as read from a file, with the line of each value by path, so that problems
/// found in it later (by <see cref="IntegrationFile.Validate"/>) name their lines.</summary>
public sealed record IntegrationSource(IntegrationConfig Config, IReadOnlyDictionary<string, long> Lines)
{
    /// <summary>Where in its file the integration is, for one of several (<c>integrations[1]</c>); empty otherwise.</summary>
    public string Path { get; init; } = "";
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
