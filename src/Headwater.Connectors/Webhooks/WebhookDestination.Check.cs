using Headwater.Core.Destinations;

namespace Headwater.Connectors.Webhooks;

public sealed partial class WebhookDestination : IDestinationCheck
{
    /// <summary>Asks the receiver for its headers only (HEAD): any answer shows it can be reached; no event is sent, so a
    /// receiver never sees one that did not happen.</summary>
    public async Task<DestinationCheckResult> Check(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, options.Url);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                return DestinationCheckResult.Fail($"{options.Url.Authority} answered {(int)response.StatusCode}, a redirect, which "
                    + "events do not follow.", $"Give the URL it points to{(response.Headers.Location is { } to ? $" ({to})" : "")}.");
            }
            return DestinationCheckResult.Pass($"{options.Url.Authority} answered {(int)response.StatusCode} to a HEAD request; no event was sent.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DestinationCheckResult.Fail($"{options.Url.Authority} did not answer within {options.Timeout.TotalSeconds:0.#} s.",
                "Check that the receiver runs and that this host can reach it (firewall, proxy), or raise timeoutSeconds.");
        }
        catch (HttpRequestException e)
        {
            return DestinationCheckResult.Fail($"cannot reach {options.Url.Authority}: {e.HttpRequestError}",
                "Check the URL, that the receiver runs, and that this host can reach it (DNS, firewall, its TLS certificate).");
        }
    }
}
