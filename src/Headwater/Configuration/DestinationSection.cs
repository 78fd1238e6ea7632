using System.Text.RegularExpressions;
using Headwater.Connectors.Scim;

namespace Headwater.Configuration;

/// <summary>One item of <c>destinations:</c>: how to reach the SCIM service and, through the other sections,
/// what it receives.</summary>
internal static partial class DestinationSection
{
    public static readonly string[] Keys =
        ["name", "type", "url", "token", "username", "password", "concurrency", "compatibility", "retries",
         "scope", "mapping", "groups", "lifecycle", "safety"];

    private static readonly string[] CompatibilityKeys =
        ["update", "booleansAsStrings", "pageSize", "filters", "adoptOnConflict", "groups", "groupBatchSize"];

    private static readonly string[] RetryKeys = ["max", "delaySeconds", "attemptTimeoutSeconds"];

    private enum DestinationType { Scim }

    private static readonly (string, DestinationType)[] Types = [("scim", DestinationType.Scim)];

    private static readonly (string, ScimUpdateMethod)[] UpdateMethods = [("patch", ScimUpdateMethod.Patch), ("put", ScimUpdateMethod.Put)];

    private static readonly (string, ScimFilterSupport)[] Filters =
        [("userName", ScimFilterSupport.UserName), ("externalId", ScimFilterSupport.ExternalId), ("emails", ScimFilterSupport.Emails)];

    /// <summary>The destination, or null when any of it is wrong (the problems are in <paramref name="reader"/>).</summary>
    public static DestinationSettings? Read(ConfigReader reader, Section destination)
    {
        var before = reader.Problems.Count;
        var name = destination.Text("name", required: true);
        if (name is not null && !Name().IsMatch(name))
        {
            destination.Problem("name", $"'{name}' must be lower-case letters, digits and '-'");
        }
        if (!destination.Has("type"))
        {
            destination.Problem("type", "required (scim)");
        }
        destination.Choice("type", Types);
        var url = Url(destination);
        var variable = Name().IsMatch(name ?? "") ? name!.ToUpperInvariant().Replace('-', '_') + "_SCIM_" : "SCIM_";
        var token = destination.Secret("token", variable + "TOKEN");
        var username = destination.Text("username");
        var password = destination.Secret("password", variable + "PASSWORD");
        var concurrency = destination.Int("concurrency", 1, 64);
        var compatibility = Compatibility(destination.Child("compatibility", CompatibilityKeys));
        var retries = destination.Child("retries", RetryKeys);

        var scope = ScopeSection.Read(reader, destination);
        var (mapper, lookups) = MappingSection.Read(reader, destination);
        var groups = MappingSection.Groups(reader, destination, lookups);
        var policy = LifecycleSection.Policy(reader, destination);
        var limits = LifecycleSection.Limits(destination);

        var options = new ScimOptions
        {
            // A placeholder when the URL is wrong (already reported), so the rest is still checked.
            BaseUrl = url ?? new Uri("https://destination.invalid/"),
            BearerToken = token,
            UserName = username,
            Password = password,
            Compatibility = compatibility,
        };
        options = Retries(options, retries);
        var authenticationGiven = destination.Has("token") || destination.Has("password");
        try
        {
            options.Validate();
        }
        catch (ScimConfigurationException e)
        {
            // Not reported when a secret was given but could not be read: that is reported already.
            if (authenticationGiven == (token is not null || password is not null))
            {
                var key = destination.Has("token") || !(destination.Has("username") || destination.Has("password")) ? "token"
                    : destination.Has("username") ? "password" : "username";
                destination.Problem(key, e.Message);
            }
        }
        if (reader.Problems.Count > before)
        {
            return null;
        }
        return new DestinationSettings(name!, options, mapper!, policy!, limits!, scope!, groups!, concurrency ?? 8);
    }

    private static Uri? Url(Section destination)
    {
        var text = destination.Text("url", required: true);
        if (text is null)
        {
            return null;
        }
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            destination.Problem("url", $"'{text}' is not an absolute http(s) URL, e.g. https://app.example.com/scim/v2");
            return null;
        }
        return url;
    }

    private static ScimCompatibility Compatibility(Section? section)
    {
        var defaults = new ScimCompatibility();
        if (section is null)
        {
            return defaults;
        }
        return new ScimCompatibility
        {
            UpdateMethod = section.Choice("update", UpdateMethods) ?? defaults.UpdateMethod,
            BooleansAsStrings = section.Bool("booleansAsStrings") ?? defaults.BooleansAsStrings,
            PageSize = section.Int("pageSize", 1, 1000) ?? defaults.PageSize,
            SupportedFilters = section.Choices("filters", Filters)?.Aggregate(ScimFilterSupport.None, (all, f) => all | f) ?? defaults.SupportedFilters,
            AdoptOnConflict = section.Bool("adoptOnConflict") ?? defaults.AdoptOnConflict,
            GroupsEnabled = section.Bool("groups") ?? defaults.GroupsEnabled,
            GroupMemberBatchSize = section.Int("groupBatchSize", 1, 1000) ?? defaults.GroupMemberBatchSize,
        };
    }

    private static ScimOptions Retries(ScimOptions options, Section? section)
    {
        if (section is null)
        {
            return options;
        }
        var delay = section.Number("delaySeconds", 0, 300);
        var timeout = section.Number("attemptTimeoutSeconds", 1, 3600);
        return options with
        {
            MaxRetries = section.Int("max", 0, 20) ?? options.MaxRetries,
            RetryDelay = delay is { } d ? TimeSpan.FromSeconds(d) : options.RetryDelay,
            AttemptTimeout = timeout is { } t ? TimeSpan.FromSeconds(t) : options.AttemptTimeout,
        };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Name();
}
