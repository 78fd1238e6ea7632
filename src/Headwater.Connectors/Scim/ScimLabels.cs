using Headwater.Connectors.Destinations;

namespace Headwater.Connectors.Scim;

/// <summary>The labels and hints of <c>type: scim</c>'s keys, as forms show them (docs/scim-destination.md).</summary>
internal static class ScimLabels
{
    public static IReadOnlyList<KeyLabel> All { get; } =
    [
        new("url", "Service URL", "The SCIM 2.0 base URL, e.g. https://app.example.com/scim/v2."),
        new("allowInsecureHttp", "Allow plain HTTP", "true lets an http:// URL through, for a test server only."),
        new("token", "Bearer token", "Sent as Authorization: Bearer; or give a username and password instead."),
        new("username", "Username", "For basic authentication, with the password."),
        new("password", "Password", "For basic authentication, with the username."),
        new("compatibility", "Compatibility", "How this server's SCIM differs from the standard; leave blank for the defaults.")
        {
            Keys =
            [
                new("update", "Update method", "patch (default), or put for servers without PATCH."),
                new("booleansAsStrings", "Booleans as strings", "true sends \"True\"/\"False\", as Entra ID does."),
                new("pageSize", "Page size", "Users asked for a page when listing, 1 to 1000 (default 100)."),
                new("filters", "Filters", "Which of userName, externalId, emails the server filters on."),
                new("adoptOnConflict", "Adopt on conflict", "true (default) adopts the existing account when a create gets 409."),
                new("groups", "Groups", "false stops Headwater managing /Groups."),
                new("groupBatchSize", "Group batch size", "Most members added or removed per group PATCH, 1 to 1000 (default 100)."),
            ],
        },
        new("retries", "Retries", "How a failed or rate-limited request is retried; leave blank for the defaults.")
        {
            Keys =
            [
                new("max", "Most retries", "0 to 20."),
                new("delaySeconds", "Delay (seconds)", "Before the first retry, doubling after; 0 to 300."),
                new("attemptTimeoutSeconds", "Attempt timeout (seconds)", "How long one request may take; 1 to 3600."),
                new("maxRetryAfterSeconds", "Longest Retry-After (seconds)", "A longer Retry-After fails instead; 0 to 3600."),
            ],
        },
    ];
}
