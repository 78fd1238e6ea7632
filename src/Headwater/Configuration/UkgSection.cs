using Headwater.Configuration.Model;
using Headwater.Core.Configuration;

namespace Headwater.Configuration;

/// <summary>
/// The <c>ukg:</c> and <c>data:</c> sections. Each key stands in for its environment variable, and a key the
/// file leaves out falls back to that variable, so <see cref="Settings.Load"/> does the checking either way; its
/// problems are then reported by the key's path.
/// </summary>
internal static class UkgSection
{
    private sealed record Key(string Section, string Name, string Variable, Func<IntegrationConfig, object?> Written, bool IsBool = false)
    {
        public string Path => $"{Section}.{Name}";

        public bool Secret => Name is "password" or "customerApiKey" or "postgres";
    }

    private static readonly Key[] All =
    [
        new("ukg", "baseUrl", "UKG_BASE_URL", c => c.Ukg?.BaseUrl),
        new("ukg", "username", "UKG_USERNAME", c => c.Ukg?.Username),
        new("ukg", "password", "UKG_PASSWORD", c => c.Ukg?.Password),
        new("ukg", "customerApiKey", "UKG_CUSTOMER_API_KEY", c => c.Ukg?.CustomerApiKey),
        new("ukg", "companyId", "UKG_COMPANY_ID", c => c.Ukg?.CompanyId),
        new("ukg", "timeZone", "UKG_TIME_ZONE", c => c.Ukg?.TimeZone),
        new("ukg", "readRoles", "UKG_READ_ROLES", c => c.Ukg?.ReadRoles, IsBool: true),
        new("data", "dataDirectory", "HEADWATER_DATA_DIR", c => c.Data?.DataDirectory),
        new("data", "postgres", "HEADWATER_POSTGRES", c => c.Data?.Postgres),
    ];

    public static (UkgConfig? Ukg, DataConfig? Data) Bind(ConfigSection file)
    {
        var ukg = file.Child("ukg", [.. All.Where(k => k.Section == "ukg").Select(k => k.Name)]) is { } u
            ? new UkgConfig(u.Text("baseUrl"), u.Text("username"), u.Secret("password", "UKG_PASSWORD"),
                u.Secret("customerApiKey", "UKG_CUSTOMER_API_KEY"), u.Text("companyId"), u.Text("timeZone"), u.Text("readRoles"))
            : null;
        var data = file.Child("data", [.. All.Where(k => k.Section == "data").Select(k => k.Name)]) is { } d
            ? new DataConfig(d.Text("dataDirectory"), d.Secret("postgres", "HEADWATER_POSTGRES"))
            : null;
        return (ukg, data);
    }

    public static ConfigMap? Write(UkgConfig? ukg) => ukg is null ? null : new ConfigMapBuilder()
        .Text("baseUrl", ukg.BaseUrl).Text("username", ukg.Username).Secret("password", ukg.Password)
        .Secret("customerApiKey", ukg.CustomerApiKey).Text("companyId", ukg.CompanyId).Text("timeZone", ukg.TimeZone)
        .Bare("readRoles", ukg.ReadRoles).Build(empty: true);

    public static ConfigMap? Write(DataConfig? data) => data is null ? null : new ConfigMapBuilder()
        .Text("dataDirectory", data.DataDirectory).Secret("postgres", data.Postgres).Build(empty: true);

    public static Settings? Validate(ConfigReader reader, IntegrationConfig config)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var unusable = new HashSet<Key>();
        foreach (var key in All)
        {
            var check = new ConfigCheck(reader, key.Section);
            var value = key.Written(config) switch
            {
                null => null,
                SecretRef secret => check.Secret(key.Name, secret),
                string text when key.IsBool => check.Bool(key.Name, text) switch { null => null, true => "true", false => "false" },
                var text => check.Text(key.Name, (string)text),
            };
            if (value is not null)
            {
                given[key.Variable] = value;
            }
            else if (key.Written(config) is not null)
            {
                unusable.Add(key);
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
                var written = key.Written(config) is not null && problem.StartsWith(key.Variable + " ", StringComparison.Ordinal);
                reader.Add(key.Path, written ? problem[(key.Variable.Length + 1)..] : problem);
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
