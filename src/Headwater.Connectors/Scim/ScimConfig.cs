using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;

namespace Headwater.Connectors.Scim;

/// <summary>A <c>type: scim</c> destination's own keys, as written (docs/scim-destination.md); secrets as their references.</summary>
public sealed record ScimConfig(
    string? Url,
    SecretRef? Token = null,
    string? Username = null,
    SecretRef? Password = null,
    string? AllowInsecureHttp = null,
    ScimCompatibilityConfig? Compatibility = null,
    ScimRetriesConfig? Retries = null) : KindConfig
{
    internal static readonly string[] CompatibilityKeys =
        ["update", "booleansAsStrings", "pageSize", "filters", "adoptOnConflict", "groups", "groupBatchSize"];

    internal static readonly string[] RetryKeys = ["max", "delaySeconds", "attemptTimeoutSeconds", "maxRetryAfterSeconds"];

    internal static ScimConfig Bind(ConfigSection section, string name)
    {
        var variable = name.ToUpperInvariant().Replace('-', '_') + "_SCIM_";
        var allowInsecureHttp = section.Text("allowInsecureHttp");
        var url = section.Text("url");
        var token = section.Secret("token", variable + "TOKEN");
        var username = section.Text("username");
        var password = section.Secret("password", variable + "PASSWORD");
        var compatibility = section.Child("compatibility", CompatibilityKeys) is { } c
            ? new ScimCompatibilityConfig(c.Text("update"), c.Text("booleansAsStrings"), c.Text("pageSize"), c.Texts("filters"),
                c.Text("adoptOnConflict"), c.Text("groups"), c.Text("groupBatchSize"))
            : null;
        var retries = section.Child("retries", RetryKeys) is { } r
            ? new ScimRetriesConfig(r.Text("max"), r.Text("delaySeconds"), r.Text("attemptTimeoutSeconds"), r.Text("maxRetryAfterSeconds"))
            : null;
        return new ScimConfig(url, token, username, password, allowInsecureHttp, compatibility, retries);
    }

    public override void Write(ConfigMapBuilder map)
    {
        map.Text("url", Url).Bare("allowInsecureHttp", AllowInsecureHttp).Secret("token", Token).Text("username", Username)
            .Secret("password", Password);
        if (Compatibility is { } c)
        {
            map.Add("compatibility", new ConfigMapBuilder().Text("update", c.Update).Bare("booleansAsStrings", c.BooleansAsStrings)
                .Bare("pageSize", c.PageSize).Texts("filters", c.Filters).Bare("adoptOnConflict", c.AdoptOnConflict)
                .Bare("groups", c.Groups).Bare("groupBatchSize", c.GroupBatchSize).Build(empty: true));
        }
        if (Retries is { } r)
        {
            map.Add("retries", new ConfigMapBuilder().Bare("max", r.Max).Bare("delaySeconds", r.DelaySeconds)
                .Bare("attemptTimeoutSeconds", r.AttemptTimeoutSeconds).Bare("maxRetryAfterSeconds", r.MaxRetryAfterSeconds).Build(empty: true));
        }
    }
}

/// <summary><c>compatibility:</c>, as written.</summary>
public sealed record ScimCompatibilityConfig(
    string? Update = null,
    string? BooleansAsStrings = null,
    string? PageSize = null,
    IReadOnlyList<string>? Filters = null,
    string? AdoptOnConflict = null,
    string? Groups = null,
    string? GroupBatchSize = null);

/// <summary><c>retries:</c>, as written.</summary>
public sealed record ScimRetriesConfig(
    string? Max = null,
    string? DelaySeconds = null,
    string? AttemptTimeoutSeconds = null,
    string? MaxRetryAfterSeconds = null);
