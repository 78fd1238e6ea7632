using Headwater.Core.Configuration;

namespace Headwater.Configuration;

/// <summary>
/// The <c>ukg:</c> and <c>data:</c> sections. Each key stands in for its environment variable, and a key the
/// file leaves out falls back to that variable, so <see cref="Settings.Load"/> does the checking either way; its
/// problems are then reported by the key's path.
/// </summary>
internal static class UkgSection
{
    private sealed record Key(string Section, string Name, string Variable, bool Secret = false, bool IsBool = false)
    {
        public string Path => $"{Section}.{Name}";
    }

    private static readonly Key[] All =
    [
        new("ukg", "baseUrl", "UKG_BASE_URL"),
        new("ukg", "username", "UKG_USERNAME"),
        new("ukg", "password", "UKG_PASSWORD", Secret: true),
        new("ukg", "customerApiKey", "UKG_CUSTOMER_API_KEY", Secret: true),
        new("ukg", "companyId", "UKG_COMPANY_ID"),
        new("ukg", "timeZone", "UKG_TIME_ZONE"),
        new("ukg", "readRoles", "UKG_READ_ROLES", IsBool: true),
        new("data", "dataDirectory", "HEADWATER_DATA_DIR"),
        new("data", "postgres", "HEADWATER_POSTGRES", Secret: true),
    ];

    public static Settings? Read(ConfigReader reader, ConfigSection file)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var where = new Dictionary<Key, ConfigNode>();
        var unusable = new HashSet<Key>();
        var sections = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        foreach (var group in All.GroupBy(k => k.Section))
        {
            if (file.Child(group.Key, [.. group.Select(k => k.Name)]) is not { } section)
            {
                continue;
            }
            sections[group.Key] = section.Node;
            foreach (var key in group.Where(k => section.Has(k.Name)))
            {
                where[key] = section.Value(key.Name)!;
                var value = key.Secret ? section.Secret(key.Name, key.Variable)
                    : key.IsBool ? section.Bool(key.Name) switch { null => null, true => "true", false => "false" }
                    : section.Text(key.Name);
                if (value is null)
                {
                    unusable.Add(key);
                }
                else
                {
                    given[key.Variable] = value;
                }
            }
        }
        try
        {
            return Settings.Load(name => given.TryGetValue(name, out var value) ? value : FromEnvironment(reader, name));
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Problems)
            {
                // Every problem starts with its variable's name except the base URL's.
                var key = All.FirstOrDefault(k => problem.StartsWith(k.Variable + " ", StringComparison.Ordinal)) ?? All[0];
                if (unusable.Contains(key))
                {
                    continue;
                }
                if (where.TryGetValue(key, out var node))
                {
                    reader.Add(key.Path, node, problem.StartsWith(key.Variable + " ", StringComparison.Ordinal) ? problem[(key.Variable.Length + 1)..] : problem);
                }
                else
                {
                    reader.Add(key.Path, sections.GetValueOrDefault(key.Section), problem);
                }
            }
            return null;
        }
    }

    /// <summary>A variable the file leaves to the environment; a secret the command does not need may be unset.</summary>
    private static string? FromEnvironment(ConfigReader reader, string variable)
    {
        var value = reader.Environment(variable);
        return string.IsNullOrEmpty(value) && All.FirstOrDefault(k => k.Variable == variable) is { Secret: true } key && !reader.SecretNeeded(key.Path)
            ? ConfigReader.Unread
            : value;
    }
}
