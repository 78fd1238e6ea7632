using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Headwater.Core.Destinations;
using Headwater.Core.Events;
using StandardWebhooks;

namespace Headwater.Connectors.Webhooks;

/// <summary>
/// Posts events to a receiver, signed per Standard Webhooks: <c>webhook-id</c> (the event's, the same on every
/// attempt), <c>webhook-timestamp</c> (this attempt's, in Unix seconds) and <c>webhook-signature</c>, <c>v1,</c> and the
/// base64 HMAC-SHA256 of <c>id.timestamp.body</c>, once per secret during a rotation. Signing is the StandardWebhooks
/// package's. Any 2xx is taken; 410 means the receiver wants nothing more; 429 and 503 may say when to come back.
/// Redirects are not followed (the handler has them turned off) and count as a failed attempt.
/// </summary>
public sealed partial class WebhookDestination(string name, WebhookOptions options, HttpClient http, TimeProvider time) : IEventReceiver
{
    private readonly StandardWebhook[] _signers = [.. new[] { options.Secret, options.PreviousSecret }.OfType<string>()
        .Select(secret => new StandardWebhook(secret))];

    public string Name { get; } = name;

    public IReadOnlySet<string> Events => options.Events;

    public string Body(EmployeeEvent employeeEvent, string id, DateTimeOffset at) => WebhookPayload.Json(employeeEvent, at);

    public async Task<PostResult> Post(OutgoingEvent outgoing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outgoing);
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = new StringContent(outgoing.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", outgoing.Id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', _signers.Select(s => s.Sign(outgoing.Id, now, outgoing.Body))));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => PostResult.Ok(status),
                410 => new PostResult(false, status, "answered 410 Gone: the receiver wants no more events", Gone: true),
                >= 300 and < 400 => new PostResult(false, status, $"answered {status}, a redirect, which is not followed: " +
                    "configure the URL it points to"),
                429 or 503 => new PostResult(false, status, $"answered {status}", RetryAfter(response.Headers.RetryAfter, now)),
                _ => new PostResult(false, status, $"answered {status}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PostResult(false, null, $"no answer within {options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new PostResult(false, null, $"cannot reach {options.Url.Authority}: {e.HttpRequestError}");
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
