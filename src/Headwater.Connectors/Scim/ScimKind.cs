using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Scim;

/// <summary><c>type: scim</c>: a SCIM 2.0 service provider reached by URL with a bearer token or basic
/// authentication, with a compatibility profile and retry settings (docs/scim-destination.md).</summary>
public sealed class ScimKind : DestinationKind
{
    private static readonly string[] CompatibilityKeys =
        ["update", "booleansAsStrings", "pageSize", "filters", "adoptOnConflict", "groups", "groupBatchSize"];

    private static readonly string[] RetryKeys = ["max", "delaySeconds", "attemptTimeoutSeconds", "maxRetryAfterSeconds"];

    private static readonly (string, ScimUpdateMethod)[] UpdateMethods = [("patch", ScimUpdateMethod.Patch), ("put", ScimUpdateMethod.Put)];

    private static readonly (string, ScimFilterSupport)[] Filters =
        [("userName", ScimFilterSupport.UserName), ("externalId", ScimFilterSupport.ExternalId), ("emails", ScimFilterSupport.Emails)];

    public override string Type => "scim";

    public override IReadOnlyList<string> Keys { get; } =
        ["url", "allowInsecureHttp", "token", "username", "password", "compatibility", "retries"];

    public override IReadOnlyList<AttributeMapping> DefaultMapping => ScimMapping.Defaults;

    public override IReadOnlyList<MatchKey> MatchBy { get; } =
        [new(AccountKey.ExternalId, "externalId"), new(AccountKey.Email, "emails[type eq \"work\"].value"), new(AccountKey.UserName, "userName")];

    public override IEnumerable<string> CheckMapping(IReadOnlyList<AttributeMapping> mappings)
    {
        if (!mappings.Any(m => string.Equals(m.Target, "userName", StringComparison.OrdinalIgnoreCase)))
        {
            yield return "a SCIM user needs a userName: map one, or keep the defaults";
        }
    }

    public override string? CheckGroups(DestinationOptions options) =>
        options is ScimOptions { Compatibility.GroupsEnabled: false }
            ? "groups are turned off by compatibility.groups; remove the group rules or turn groups on" : null;

    public override void Register(IServiceCollection services, string name, DestinationOptions options) =>
        services.AddScim(name, (ScimOptions)options);

    public override DestinationOptions? ReadOptions(ConfigSection section, string name)
    {
        ArgumentNullException.ThrowIfNull(section);
        var before = section.Reader.Problems.Count;
        var insecure = section.Bool("allowInsecureHttp") ?? false;
        var url = Url(section, insecure);
        var variable = name.ToUpperInvariant().Replace('-', '_') + "_SCIM_";
        var token = section.Secret("token", variable + "TOKEN");
        var username = section.Text("username");
        var password = section.Secret("password", variable + "PASSWORD");
        var compatibility = Compatibility(section.Child("compatibility", CompatibilityKeys));
        var options = Retries(new ScimOptions
        {
            // A placeholder when the URL is wrong (already reported), so the rest is still checked.
            BaseUrl = url ?? new Uri("https://destination.invalid/"),
            AllowInsecureHttp = insecure,
            BearerToken = token,
            UserName = username,
            Password = password,
            Compatibility = compatibility,
        }, section.Child("retries", RetryKeys));
        var authenticationGiven = section.Has("token") || section.Has("password");
        try
        {
            options.Validate();
        }
        catch (ScimConfigurationException e)
        {
            // Not reported when a secret was given but could not be read: that is reported already.
            if (authenticationGiven == (token is not null || password is not null))
            {
                var key = section.Has("token") || !(section.Has("username") || section.Has("password")) ? "token"
                    : section.Has("username") ? "password" : "username";
                section.Problem(key, e.Message);
            }
        }
        return section.Reader.Problems.Count > before ? null : options;
    }

    private static Uri? Url(ConfigSection destination, bool allowInsecureHttp)
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
        if (ScimOptions.UrlProblem(url, allowInsecureHttp) is { } problem)
        {
            // Only up to the path: a query may hold a token.
            destination.Problem("url", $"'{url.GetLeftPart(UriPartial.Path)}' {problem}");
            return null;
        }
        return url;
    }

    private static ScimCompatibility Compatibility(ConfigSection? section)
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
            PageSize = section.WholeNumber("pageSize", 1, 1000) ?? defaults.PageSize,
            SupportedFilters = section.Choices("filters", Filters)?.Aggregate(ScimFilterSupport.None, (all, f) => all | f) ?? defaults.SupportedFilters,
            AdoptOnConflict = section.Bool("adoptOnConflict") ?? defaults.AdoptOnConflict,
            GroupsEnabled = section.Bool("groups") ?? defaults.GroupsEnabled,
            GroupMemberBatchSize = section.WholeNumber("groupBatchSize", 1, 1000) ?? defaults.GroupMemberBatchSize,
        };
    }

    private static ScimOptions Retries(ScimOptions options, ConfigSection? section)
    {
        if (section is null)
        {
            return options;
        }
        var delay = section.Number("delaySeconds", 0, 300);
        var timeout = section.Number("attemptTimeoutSeconds", 1, 3600);
        var retryAfter = section.Number("maxRetryAfterSeconds", 0, 3600);
        return options with
        {
            MaxRetries = section.WholeNumber("max", 0, 20) ?? options.MaxRetries,
            RetryDelay = delay is { } d ? TimeSpan.FromSeconds(d) : options.RetryDelay,
            AttemptTimeout = timeout is { } t ? TimeSpan.FromSeconds(t) : options.AttemptTimeout,
            MaxRetryAfter = retryAfter is { } r ? TimeSpan.FromSeconds(r) : options.MaxRetryAfter,
        };
    }
}
