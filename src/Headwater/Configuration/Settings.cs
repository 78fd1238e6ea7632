using Headwater.Connectors.Ukg;
using Headwater.Data;

namespace Headwater.Configuration;

/// <summary>
/// The UKG connection from the environment: the variables the simulator prints (UKG_BASE_URL, UKG_USERNAME,
/// UKG_PASSWORD, UKG_CUSTOMER_API_KEY), plus the optional UKG_COMPANY_ID, UKG_TIME_ZONE and UKG_READ_ROLES. Every problem is
/// listed at once; secrets are never echoed.
/// </summary>
public sealed record Settings(UkgConnection Connection, DataOptions Data, string? Note)
{
    /// <summary>Read UKG roles (user-profile-details) into each worker; UKG_READ_ROLES=true.</summary>
    public bool ReadRoles { get; init; }

    public static Settings Load(Func<string, string?> environment)
    {
        var problems = new List<string>();
        string Required(string name, string what)
        {
            var value = environment(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} is not set: {what}.");
                return "";
            }
            return value.Trim();
        }
        var baseUrl = Required("UKG_BASE_URL", "the UKG web services host, e.g. https://service2.ultipro.com");
        var user = Required("UKG_USERNAME", "the web service account's user name");
        var password = Required("UKG_PASSWORD", "the web service account's password");
        var key = Required("UKG_CUSTOMER_API_KEY", "the 5-character customer API key from Service Account Administration");
        var zone = environment("UKG_TIME_ZONE") is { Length: > 0 } z ? z.Trim() : "America/New_York";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            problems.Add($"UKG_TIME_ZONE '{zone}' is not a known time zone (use an IANA name such as America/Chicago).");
        }
        NormalisedUrl? url = null;
        if (baseUrl.Length > 0)
        {
            try
            {
                url = UkgBaseUrl.Normalise(baseUrl);
            }
            catch (UkgConfigurationException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0)
        {
            throw new SettingsException(problems);
        }
        var company = environment("UKG_COMPANY_ID") is { Length: > 0 } c ? c.Trim() : null;
        return new Settings(new UkgConnection(url!.Url, user, password, key, company, zone), DataOptions.FromEnvironment(environment), url.Note)
        {
            ReadRoles = string.Equals(environment("UKG_READ_ROLES")?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        };
    }
}

public sealed class SettingsException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
