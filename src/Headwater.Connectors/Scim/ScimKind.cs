using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Scim;

/// <summary><c>type: scim</c>: a SCIM 2.0 service provider reached by URL with a bearer token or basic
/// authentication, with a compatibility profile and retry settings (docs/scim-destination.md).</summary>
public sealed class ScimKind : DestinationKind<ScimConfig>
{
    private static readonly (string, ScimUpdateMethod)[] UpdateMethods = [("patch", ScimUpdateMethod.Patch), ("put", ScimUpdateMethod.Put)];

    private static readonly (string, ScimFilterSupport)[] Filters =
        [("userName", ScimFilterSupport.UserName), ("externalId", ScimFilterSupport.ExternalId), ("emails", ScimFilterSupport.Emails)];

    public override string Type => "scim";

    public override IReadOnlyList<string> Keys { get; } =
        ["url", "allowInsecureHttp", "token", "username", "password", "compatibility", "retries"];

    public override IReadOnlyList<KeyLabel> Labels => ScimLabels.All;

    public override IReadOnlyList<AttributeMapping> DefaultMapping => ScimMapping.Defaults;

    public override IReadOnlyList<MatchKey> MatchBy { get; } =
        [new(AccountKey.ExternalId, "externalId"), new(AccountKey.Email, "emails[type eq \"work\"].value"), new(AccountKey.UserName, "userName")];

    public override IEnumerable<string> CheckMapping(IReadOnlyList<AttributeMapping> mappings, KindConfig? settings = null)
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

    public override KindConfig Bind(ConfigSection section, string name) => ScimConfig.Bind(section, name);

    protected override DestinationOptions? Validate(ScimConfig scim, ConfigCheck check, string name)
    {
        ArgumentNullException.ThrowIfNull(scim);
        ArgumentNullException.ThrowIfNull(check);
        var before = check.Reader.Problems.Count;
        var insecure = check.Bool("allowInsecureHttp", scim.AllowInsecureHttp) ?? false;
        var url = Url(check, scim.Url, insecure);
        var token = check.Secret("token", scim.Token);
        var username = check.Text("username", scim.Username);
        var password = check.Secret("password", scim.Password);
        var compatibility = Compatibility(check.Child("compatibility"), scim.Compatibility);
        var options = Retries(new ScimOptions
        {
            // A placeholder when the URL is wrong (already reported), so the rest is still checked.
            BaseUrl = url ?? new Uri("https://destination.invalid/"),
            AllowInsecureHttp = insecure,
            BearerToken = token,
            UserName = username,
            Password = password,
            Compatibility = compatibility,
        }, check.Child("retries"), scim.Retries);
        // Given: written, even if it could not be bound (a literal secret, reported already).
        bool Given(string key, object? value) => value is not null || check.Reader.Reported(check.At(key));
        var authenticationGiven = Given("token", scim.Token) || Given("password", scim.Password);
        try
        {
            options.Validate();
        }
        catch (ScimConfigurationException e)
        {
            // Not reported when a secret was given but could not be read: that is reported already.
            if (authenticationGiven == (token is not null || password is not null))
            {
                var key = Given("token", scim.Token) || !(Given("username", scim.Username) || Given("password", scim.Password)) ? "token"
                    : Given("username", scim.Username) ? "password" : "username";
                check.Problem(key, e.Message);
            }
        }
        return check.Reader.Problems.Count > before ? null : options;
    }

    private static Uri? Url(ConfigCheck check, string? written, bool allowInsecureHttp) =>
        DestinationUrl.Read(check, written, "https://app.example.com/scim/v2", url => ScimOptions.UrlProblem(url, allowInsecureHttp));

    private static ScimCompatibility Compatibility(ConfigCheck check, ScimCompatibilityConfig? written)
    {
        var defaults = new ScimCompatibility();
        if (written is null)
        {
            return defaults;
        }
        return new ScimCompatibility
        {
            UpdateMethod = check.Choice("update", written.Update, UpdateMethods) ?? defaults.UpdateMethod,
            BooleansAsStrings = check.Bool("booleansAsStrings", written.BooleansAsStrings) ?? defaults.BooleansAsStrings,
            PageSize = check.WholeNumber("pageSize", written.PageSize, 1, 1000) ?? defaults.PageSize,
            SupportedFilters = check.Choices("filters", written.Filters, Filters)?.Aggregate(ScimFilterSupport.None, (all, f) => all | f)
                ?? defaults.SupportedFilters,
            AdoptOnConflict = check.Bool("adoptOnConflict", written.AdoptOnConflict) ?? defaults.AdoptOnConflict,
            GroupsEnabled = check.Bool("groups", written.Groups) ?? defaults.GroupsEnabled,
            GroupMemberBatchSize = check.WholeNumber("groupBatchSize", written.GroupBatchSize, 1, 1000) ?? defaults.GroupMemberBatchSize,
        };
    }

    private static ScimOptions Retries(ScimOptions options, ConfigCheck check, ScimRetriesConfig? written)
    {
        if (written is null)
        {
            return options;
        }
        var delay = check.Number("delaySeconds", written.DelaySeconds, 0, 300);
        var timeout = check.Number("attemptTimeoutSeconds", written.AttemptTimeoutSeconds, 1, 3600);
        var retryAfter = check.Number("maxRetryAfterSeconds", written.MaxRetryAfterSeconds, 0, 3600);
        return options with
        {
            MaxRetries = check.WholeNumber("max", written.Max, 0, 20) ?? options.MaxRetries,
            RetryDelay = delay is { } d ? TimeSpan.FromSeconds(d) : options.RetryDelay,
            AttemptTimeout = timeout is { } t ? TimeSpan.FromSeconds(t) : options.AttemptTimeout,
            MaxRetryAfter = retryAfter is { } r ? TimeSpan.FromSeconds(r) : options.MaxRetryAfter,
        };
    }
}
