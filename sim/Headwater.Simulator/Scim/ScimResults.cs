using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Headwater.Simulator.Scim;

/// <summary>A request the simulator refuses, with the RFC 7644 §3.12 status and scimType; <see cref="ScimGate"/>
/// turns it into an error response.</summary>
internal sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimException BadRequest(string scimType, string detail) => new(StatusCodes.Status400BadRequest, scimType, detail);

    public static ScimException NotFound(string endpoint, string id) => new(StatusCodes.Status404NotFound, null, $"Resource {endpoint}/{id} not found");
}

/// <summary>SCIM JSON in and out: bodies parsed with case-insensitive attribute names (RFC 7643 §2.1), responses as
/// <c>application/scim+json</c>, errors as the RFC's Error message.</summary>
internal static class ScimResults
{
    public const string MediaType = "application/scim+json";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    public static JsonObject Object() => new(NodeOptions);

    public static async Task<JsonObject> ReadObject(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, NodeOptions, cancellationToken: request.HttpContext.RequestAborted) as JsonObject
                ?? throw ScimException.BadRequest("invalidSyntax", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ScimException.BadRequest("invalidSyntax", "The body is not valid JSON: " + e.Message);
        }
    }

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(), MediaType, Encoding.UTF8, status);

    public static IResult Error(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ErrorSchema),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }
        return Json(body, status);
    }
}
