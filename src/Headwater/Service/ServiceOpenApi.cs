using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Headwater.Service;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, with the bearer-token scheme every operation needs. It is
/// checked in as docs/openapi/v1.json, so it names no server: the same build gives the same document anywhere.</summary>
public static class ServiceOpenApi
{
    /// <param name="services">The service's services.</param>
    public static IServiceCollection AddServiceOpenApi(this IServiceCollection services) => services.AddOpenApi(openApi =>
        openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Headwater", Version = "v1" };
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
            {
                [TokenAuthentication.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token (hw_…): headwater tokens create, or the one printed at first start.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenAuthentication.SchemeName, document)] = [] }];
            return Task.CompletedTask;
        }));
}
