using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Headwater.Connectors.Scim;

/// <summary>Schema URNs and media type from RFC 7643 / 7644.</summary>
public static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string MediaType = "application/scim+json";

    /// <summary>The enterprise extension's manager id, as an account's attributes have it when read back.</summary>
    public const string ManagerValuePath = EnterpriseUser + ":manager.value";
}

/// <summary>A page of a list (RFC 7644 §3.4.2). Resources stay JSON: their attributes are read by path.
/// <c>totalResults</c> is required by the RFC; a server that leaves it out is read until an empty page.</summary>
public sealed record ScimListResponse(
    [property: JsonPropertyName("totalResults")] int? TotalResults,
    [property: JsonPropertyName("itemsPerPage")] int? ItemsPerPage,
    [property: JsonPropertyName("startIndex")] int? StartIndex,
    [property: JsonPropertyName("Resources")] List<JsonObject>? Resources);

/// <summary>An error body (RFC 7644 §3.12). <c>status</c> is a string in the RFC; some servers send a number.</summary>
public sealed record ScimErrorBody(
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("scimType")] string? ScimType,
    [property: JsonPropertyName("detail")] string? Detail);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ScimListResponse))]
[JsonSerializable(typeof(ScimErrorBody))]
internal sealed partial class ScimJsonContext : JsonSerializerContext;
