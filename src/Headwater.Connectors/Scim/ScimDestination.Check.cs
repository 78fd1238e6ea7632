using System.Net;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Scim;

public sealed partial class ScimDestination : IDestinationCheck
{
    /// <summary>Reads one user: the cheapest request that needs both the right URL and accepted credentials
    /// (<c>/ServiceProviderConfig</c> may be served to anyone, RFC 7644 section 4).</summary>
    public async Task<DestinationCheckResult> Check(CancellationToken cancellationToken = default)
    {
        var response = await _client.Get("Users?startIndex=1&count=1", cancellationToken);
        if (response.IsSuccess)
        {
            return DestinationCheckResult.Pass($"GET Users answered {(int)response.Status}: the server accepted the credentials.");
        }
        return DestinationCheckResult.Fail(response.Describe(), response.Status switch
        {
            0 => "Check the URL, and that this host can reach the server (DNS, firewall, proxy, its TLS certificate).",
            HttpStatusCode.Unauthorized => "Give the token (or user name and password) the application issued for provisioning.",
            HttpStatusCode.Forbidden => "Let the credentials read and change Users in the application's provisioning settings.",
            HttpStatusCode.NotFound => "Give the SCIM base URL, the one with /Users under it (it often ends in /scim/v2).",
            _ => "Read the server's answer above; the application's provisioning log usually says more.",
        });
    }
}
