using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Headwater.Connectors.Ukg;

public enum ProbeOutcome { Granted, Missing, Unauthorized, Failing }

/// <summary>The result of probing one UKG web service: granted, missing (with how to grant it) or failing (with why).</summary>
public sealed record ProbeResult(string Service, string Endpoint, ProbeOutcome Outcome, string Detail);

/// <summary>
/// Probes each web service a sync reads with a one-row request, so a missing permission is named before a sync
/// fails on it. UKG answers 401 for a bad user, password or customer API key and 403 for an authenticated account
/// without View on that web service.
/// </summary>
public sealed class UkgCheck(UkgClient client)
{
    public static readonly IReadOnlyList<(string Service, string Path)> Probes =
    [
        ("Personnel Integration", "/personnel/v1/employment-details?page=1&per_Page=1"),
        ("Employee Person Details", "/personnel/v1/person-details?page=1&per_Page=1"),
        ("Company Configuration Integration", "/configuration/v1/company-details?page=1&per_Page=1"),
    ];

    public async Task<IReadOnlyList<ProbeResult>> Run(CancellationToken cancellationToken = default)
    {
        var results = new List<ProbeResult>();
        foreach (var (service, path) in Probes)
        {
            results.Add(await Probe(service, path, cancellationToken));
        }
        return results;
    }

    private async Task<ProbeResult> Probe(string service, string path, CancellationToken cancellationToken)
    {
        var endpoint = path[..path.IndexOf('?', StringComparison.Ordinal)];
        try
        {
            using var response = await client.Get(path, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new(service, endpoint, ProbeOutcome.Granted, "View granted."),
                HttpStatusCode.Forbidden => new(service, endpoint, ProbeOutcome.Missing,
                    $"The service account lacks View on '{service}'. In UKG Pro: Menu > System Configuration > Security > " +
                    $"Service Account Administration, open {client.Connection.UserName}, and grant View on '{service}'."),
                HttpStatusCode.Unauthorized => new(service, endpoint, ProbeOutcome.Unauthorized,
                    "UKG rejected the credentials (401). Check the service account user name and password (service account " +
                    "passwords expire and must be reset in Service Account Administration) and the customer API key shown at " +
                    "the top of Service Account Administration."),
                HttpStatusCode.NotFound => new(service, endpoint, ProbeOutcome.Failing,
                    $"{client.Connection.BaseUrl} has no {endpoint} (404). Is the base URL the tenant's web services host?"),
                HttpStatusCode.TooManyRequests => new(service, endpoint, ProbeOutcome.Failing, "UKG is rate limiting this account (429); try again in a minute."),
                var status => new(service, endpoint, ProbeOutcome.Failing, $"UKG answered {(int)status} {status}."),
            };
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
        {
            return new(service, endpoint, ProbeOutcome.Failing, $"The host {client.Connection.BaseUrl.Host} could not be found (DNS). Check the base URL.");
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            return new(service, endpoint, ProbeOutcome.Failing, $"The TLS handshake with {client.Connection.BaseUrl.Host} failed: {e.InnerException.Message}");
        }
        catch (HttpRequestException e)
        {
            return new(service, endpoint, ProbeOutcome.Failing, $"Could not connect to {client.Connection.BaseUrl}: {e.Message}");
        }
        catch (Exception e) when (e is TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(service, endpoint, ProbeOutcome.Failing, $"{client.Connection.BaseUrl} did not answer in time.");
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            return new(service, endpoint, ProbeOutcome.Failing, "Too many failures in a row; the connection is paused. Try again shortly.");
        }
    }
}
