using System.Net;
using System.Text.Json.Nodes;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Scim;

/// <summary>
/// What one SCIM request came to after the resilience pipeline's retries: the status and body, the SCIM error's
/// scimType and detail when it failed, or (status 0) the transport failure that ended it.
/// </summary>
public sealed record ScimResponse(string Method, string Path, HttpStatusCode Status, JsonObject? Body, string? ScimType, string? Detail)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>No answer at all: a timeout, a refused connection, an open circuit.</summary>
    public bool TransportFailed => Status == 0;

    /// <summary>Worth trying again later: throttled, timed out, a server error, or no answer.</summary>
    public bool Retryable => TransportFailed || Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || (int)Status >= 500;

    public bool IsNoTarget => Status == HttpStatusCode.BadRequest && string.Equals(ScimType, "noTarget", StringComparison.OrdinalIgnoreCase);

    public bool IsInvalidFilter => Status == HttpStatusCode.BadRequest
        && (string.Equals(ScimType, "invalidFilter", StringComparison.OrdinalIgnoreCase) || string.Equals(ScimType, "invalidValue", StringComparison.OrdinalIgnoreCase));

    /// <summary>The resource id in the body, if any.</summary>
    public string? Id => Body?["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Body["id"]!.GetValue<string>() : null;

    /// <summary>One line for a person to read, e.g. <c>POST Users answered 400 invalidValue: Required attribute 'userName' is missing</c>.</summary>
    public string Describe()
    {
        if (TransportFailed)
        {
            return $"{Method} {Path} got no answer: {Detail}";
        }
        var what = ScimType is null ? "" : " " + ScimType;
        var detail = string.IsNullOrWhiteSpace(Detail) ? "" : ": " + Detail;
        var hint = Status switch
        {
            HttpStatusCode.Unauthorized => " (the bearer token or user name and password were refused)",
            HttpStatusCode.Forbidden => " (the credentials may not do this)",
            HttpStatusCode.TooManyRequests => " (still rate limited after retrying)",
            _ => "",
        };
        return $"{Method} {Path} answered {(int)Status}{what}{detail}{hint}";
    }

    public override string ToString() => Describe();
}

/// <summary>A SCIM read that could not complete, so no partial list is ever taken for the whole.</summary>
public sealed class ScimRequestException : DestinationException
{
    public ScimRequestException(ScimResponse response) : this(response, response.Describe())
    {
    }

    public ScimRequestException(ScimResponse response, string message) : base(FailureOf(response), message) => Response = response;

    private static DestinationFailure FailureOf(ScimResponse response) => response.Status switch
    {
        0 => DestinationFailure.Unreachable,
        HttpStatusCode.Unauthorized => DestinationFailure.Credentials,
        HttpStatusCode.Forbidden => DestinationFailure.Permission,
        _ => DestinationFailure.Failed,
    };

    public ScimResponse Response { get; }
}
