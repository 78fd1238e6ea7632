using System.Globalization;
using System.Text.Json.Nodes;

namespace Headwater.Simulator.Scim;

/// <summary>
/// The SCIM endpoints under <c>/scim/v2</c>: <c>/Users</c> and <c>/Groups</c> (list with filter and paging, create,
/// read, replace, patch, delete), which differ only in their <see cref="ScimResourceType"/>, and
/// <c>/ServiceProviderConfig</c>, which needs no token.
/// </summary>
internal static class ScimApi
{
    public const string BasePath = "/scim/v2";

    public static void MapScim(this IEndpointRouteBuilder app, ScimResources users, ScimResources groups, ScimGate gate, int maxPageSize)
    {
        app.MapGet(BasePath + "/ServiceProviderConfig", () => ScimResults.Json(ServiceProviderConfig(maxPageSize)));
        var scim = app.MapGroup(BasePath).AddEndpointFilter(gate);
        MapResources(scim, users, maxPageSize, deleted: groups.RemoveMember);
        MapResources(scim, groups, maxPageSize, deleted: groups.RemoveMember);
    }

    private static void MapResources(RouteGroupBuilder scim, ScimResources resources, int maxPageSize, Action<string> deleted)
    {
        var endpoint = "/" + resources.Type.Endpoint;
        scim.MapGet(endpoint, (HttpContext c) => List(c, resources, maxPageSize));
        scim.MapPost(endpoint, async (HttpContext c) =>
        {
            var created = resources.Create(Checked(await ScimResults.ReadObject(c.Request), resources.Type));
            c.Response.Headers.Location = Location(c, created);
            return Output(c, created, StatusCodes.Status201Created);
        });
        scim.MapGet(endpoint + "/{id}", (HttpContext c, string id) =>
            resources.Get(id) is { } resource ? Output(c, resource) : throw ScimException.NotFound(resources.Type.Endpoint, id));
        scim.MapPut(endpoint + "/{id}", async (HttpContext c, string id) =>
            Output(c, resources.Replace(id, Checked(await ScimResults.ReadObject(c.Request), resources.Type))));
        scim.MapPatch(endpoint + "/{id}", async (HttpContext c, string id) =>
            Output(c, resources.Patch(id, await ScimResults.ReadObject(c.Request))));
        scim.MapDelete(endpoint + "/{id}", (string id) =>
        {
            if (!resources.Delete(id))
            {
                throw ScimException.NotFound(resources.Type.Endpoint, id);
            }
            deleted(id);
            return Results.NoContent();
        });
    }

    private static IResult List(HttpContext context, ScimResources resources, int maxPageSize)
    {
        var query = context.Request.Query;
        var filter = query["filter"].ToString() is { Length: > 0 } text ? Filter.Parse(text) : null;
        var startIndex = Math.Max(1, Number(query["startIndex"].ToString()) ?? 1);
        var count = Math.Clamp(Number(query["count"].ToString()) ?? maxPageSize, 0, maxPageSize);
        var (total, page) = resources.List(filter, startIndex, count);
        return ScimResults.Json(new JsonObject
        {
            ["schemas"] = new JsonArray(ScimResults.ListSchema),
            ["totalResults"] = total,
            ["itemsPerPage"] = page.Count,
            ["startIndex"] = startIndex,
            ["Resources"] = new JsonArray([.. page.Select(r => WithLocation(context, r))]),
        });
    }

    private static int? Number(string text) =>
        text.Length == 0 ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw ScimException.BadRequest("invalidValue", $"'{text}' is not a whole number.");

    /// <summary>A POST or PUT body must name the resource type's schema.</summary>
    private static JsonObject Checked(JsonObject body, ScimResourceType type) =>
        body["schemas"] is JsonArray schemas && schemas.Any(s => string.Equals(s?.ToString(), type.Schema, StringComparison.OrdinalIgnoreCase))
            ? body
            : throw ScimException.BadRequest("invalidSyntax", $"schemas must include {type.Schema}.");

    private static IResult Output(HttpContext context, JsonObject resource, int status = StatusCodes.Status200OK) =>
        ScimResults.Json(WithLocation(context, resource), status);

    private static JsonObject WithLocation(HttpContext context, JsonObject resource)
    {
        resource["meta"]!["location"] = Location(context, resource);
        return resource;
    }

    private static string Location(HttpContext context, JsonObject resource)
    {
        var request = context.Request;
        var type = resource["meta"]!["resourceType"]!.ToString() == ScimResourceType.Group.Name ? ScimResourceType.Group : ScimResourceType.User;
        return $"{request.Scheme}://{request.Host}{BasePath}/{type.Endpoint}/{resource["id"]}";
    }

    private static JsonObject ServiceProviderConfig(int maxPageSize) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = maxPageSize },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "Authentication with the simulator's bearer token.",
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = BasePath + "/ServiceProviderConfig" },
    };
}
