using Headwater.Core.Destinations;

namespace Headwater.Connectors.Scim;

/// <summary>How updates reach the server: PATCH with a PatchOp (RFC 7644 §3.5.2) or GET, modify and PUT (§3.5.1).</summary>
public enum ScimUpdateMethod { Patch, Put }

/// <summary>The attributes a server can filter Users on with <c>eq</c>. A lookup on one it cannot filter on reads
/// every account instead.</summary>
[Flags]
public enum ScimFilterSupport
{
    None = 0,
    UserName = 1,
    ExternalId = 2,
    Emails = 4,
    All = UserName | ExternalId | Emails,
}

/// <summary>
/// What real SCIM servers differ on, set per destination. The defaults follow RFC 7644 and suit most servers;
/// each setting names the behaviour it works around.
/// </summary>
public sealed record ScimCompatibility
{
    /// <summary>PATCH (default) or, for servers without PatchOp support, GET + PUT of the whole resource.</summary>
    public ScimUpdateMethod UpdateMethod { get; init; } = ScimUpdateMethod.Patch;

    /// <summary>Send every boolean as the string "True" or "False", as Entra ID does, for servers built to accept
    /// only what Entra sends. Off by default: RFC 7643 booleans are JSON booleans and strict servers refuse strings.</summary>
    public bool BooleansAsStrings { get; init; }

    /// <summary>The <c>count</c> asked for per page when listing. Servers may return fewer (scimmy caps at 200);
    /// paging advances by what came back, so a lower cap costs requests, not accounts.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The attributes the server can filter on; lookups on the others read every account.</summary>
    public ScimFilterSupport SupportedFilters { get; init; } = ScimFilterSupport.All;

    /// <summary>On 409 to a create, look the account up by userName (then externalId) and adopt it, applying the
    /// create's attributes as an update. Off: the 409 is reported as a failure.</summary>
    public bool AdoptOnConflict { get; init; } = true;

    /// <summary>Whether the server has a /Groups endpoint Headwater may manage.</summary>
    public bool GroupsEnabled { get; init; } = true;

    /// <summary>At most this many members added or removed per group PATCH request.</summary>
    public int GroupMemberBatchSize { get; init; } = 100;
}

/// <summary>
/// How to reach one SCIM 2.0 service provider: its base URL (the one ending in <c>/scim/v2</c> or similar, under
/// which <c>/Users</c> lives), a bearer token or basic credentials, the compatibility profile, and the resilience
/// settings. Retries cover 429 (honouring Retry-After), 408, 5xx and timeouts.
/// </summary>
public sealed record ScimOptions : DestinationOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>Allow an <c>http://</c> base URL on a host that is not this machine. Off by default: the token or
    /// password would cross the network in clear. Loopback (localhost, 127.0.0.0/8, ::1) is always allowed.</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer ...</c>. Set this or <see cref="UserName"/>/<see cref="Password"/>.</summary>
    public string? BearerToken { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public ScimCompatibility Compatibility { get; init; } = new();

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first retry's wait when the server sends no Retry-After; doubles each time.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxRetries { get; init; } = 5;

    /// <summary>The longest a rate limit's Retry-After is waited out. A server that asks for longer is not asked again
    /// in this run: what is left is recorded as failed with the reason, for the next run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws <see cref="ScimConfigurationException"/> naming the first problem, if any.</summary>
    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
        {
            throw new ScimConfigurationException($"The SCIM base URL '{BaseUrl}' must be an absolute http(s) URL, e.g. https://example.com/scim/v2.");
        }
        if (UrlProblem(BaseUrl, AllowInsecureHttp) is { } problem)
        {
            throw new ScimConfigurationException($"The SCIM base URL '{BaseUrl.GetLeftPart(UriPartial.Path)}' {problem}.");
        }
        var bearer = !string.IsNullOrEmpty(BearerToken);
        var basic = !string.IsNullOrEmpty(UserName) || !string.IsNullOrEmpty(Password);
        if (bearer == basic)
        {
            throw new ScimConfigurationException("Give the SCIM destination either a bearer token or a user name and password, not both or neither.");
        }
        if (new[] { BearerToken, UserName, Password }.Any(s => s?.IndexOfAny(['\r', '\n', '\0']) >= 0))
        {
            throw new ScimConfigurationException("The SCIM credentials hold a line break or NUL character, which cannot be sent " +
                "in a header (a variable read from a file with Windows line endings?).");
        }
        if (basic && (string.IsNullOrEmpty(UserName) || Password is null))
        {
            throw new ScimConfigurationException("Basic authentication needs both a user name and a password.");
        }
        if (Compatibility.PageSize < 1 || Compatibility.GroupMemberBatchSize < 1)
        {
            throw new ScimConfigurationException("The SCIM page size and group member batch size must be at least 1.");
        }
    }

    /// <summary>What is wrong with an absolute http(s) base URL, or null: a query or fragment (requests are made
    /// relative to the URL, so they would be dropped, or the last segment with them), or plain http to a host that is
    /// not loopback when <paramref name="allowInsecureHttp"/> is off.</summary>
    public static string? UrlProblem(Uri url, bool allowInsecureHttp)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return "must not have a query (?…) or fragment (#…): give the path under which /Users is found";
        }
        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback && !allowInsecureHttp)
        {
            return "uses http://, which would send the credentials in clear; use https://, or set allowInsecureHttp: true " +
                "if the network in between is trusted";
        }
        return null;
    }

    /// <summary>The base URL with a trailing slash, so that relative paths such as <c>Users</c> land under it.</summary>
    internal Uri Root => BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");

    /// <summary>Never prints the token or password.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(BearerToken) ? $"{BaseUrl} as {UserName} (basic)" : $"{BaseUrl} (bearer token)";
}

public sealed class ScimConfigurationException(string message) : Exception(message);
