using System.Net;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// How to reach a UKG Pro tenant: the service host, a web service account, the customer API key, an optional
/// company to limit reads to, and the tenant's time zone (UKG writes date-times without an offset, in tenant time).
/// </summary>
public sealed record UkgConnection(
    Uri BaseUrl, string UserName, string Password, string CustomerApiKey, string? CompanyId = null, string TimeZone = "America/New_York")
{
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Never prints the password or key.</summary>
    public override string ToString() => $"{BaseUrl} as {UserName}";
}

/// <summary>A base URL made fit for REST calls, with a note when it was changed in a way the user should know.</summary>
public sealed record NormalisedUrl(Uri Url, string? Note);

public static class UkgBaseUrl
{
    /// <summary>
    /// Accepts what administrators paste: a bare host (<c>service2.ultipro.com</c>), the LoginService URL
    /// (<c>https://service2.ultipro.com/services/LoginService</c>) or any web-services URL, and returns the host
    /// alone, since UKG's REST paths start at the host. https is required except on loopback (the simulator): an
    /// <c>http://</c> URL for a real host is upgraded with a note; any other scheme is refused.
    /// </summary>
    public static NormalisedUrl Normalise(string input)
    {
        var text = input.Trim();
        if (text.Length == 0)
        {
            throw new UkgConfigurationException("The UKG base URL is empty. Use the host from System Configuration > Security > Web Services, e.g. https://service2.ultipro.com.");
        }
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new UkgConfigurationException($"'{input}' is not a URL. Use the host from System Configuration > Security > Web Services, e.g. https://service2.ultipro.com.");
        }
        var scheme = uri.Scheme.ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            throw new UkgConfigurationException($"'{input}' uses {uri.Scheme}://; UKG Pro's web services are reached over https.");
        }
        string? note = null;
        if (scheme == "http" && !IsLoopback(uri.Host))
        {
            scheme = "https";
            note = $"{uri.Host} was given with http://; using https://, which UKG Pro requires.";
        }
        var builder = new UriBuilder(scheme, uri.Host.ToLowerInvariant(), uri.IsDefaultPort || (note is not null && uri.Port == 80) ? -1 : uri.Port);
        return new NormalisedUrl(builder.Uri, note);
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

public sealed class UkgConfigurationException(string message) : Exception(message);
