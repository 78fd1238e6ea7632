using Headwater.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Service;

/// <summary>A token to create: what it is for, and its scopes (<c>read</c>, <c>admin</c>).</summary>
public sealed record NewToken(string? Name, IReadOnlyList<string>? Scopes);

/// <summary><c>/api/tokens</c>: list (read), create and revoke (admin). Secrets are never listed; a new token's secret is
/// in the create response only.</summary>
public static class TokensApi
{
    /// <param name="endpoints">The service's endpoints.</param>
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder endpoints)
    {
        var tokens = endpoints.MapGroup("/api/tokens").WithTags("Tokens").RequireAuthorization(ApiScopes.Read);
        tokens.MapGet("", List).WithName("ListTokens").WithSummary("Every token, revoked ones too, without secrets.");
        tokens.MapPost("", Create).RequireAuthorization(ApiScopes.Admin)
            .WithName("CreateToken").WithSummary("Creates a token; the response holds its secret, which is never shown again.");
        tokens.MapDelete("/{id:int}", Revoke).RequireAuthorization(ApiScopes.Admin).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RevokeToken").WithSummary("Revokes a token: requests with it are refused from now on.");
        return endpoints;
    }

    private static async Task<Ok<List<TokenView>>> List(HeadwaterDb db, CancellationToken cancellationToken)
    {
        var tokens = await db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens.Select(TokenView.Of).ToList());
    }

    private static async Task<Results<Created<CreatedToken>, ValidationProblem>> Create(NewToken token, HeadwaterDb db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var problems = ApiTokens.Problems(token.Name, token.Scopes);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }
        var created = await ApiTokens.CreateAsync(db, token.Name!.Trim(), token.Scopes!, time, cancellationToken);
        return TypedResults.Created($"/api/tokens/{created.Token.Id}", created);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(int id, HeadwaterDb db, TimeProvider time,
        CancellationToken cancellationToken) =>
        await ApiTokens.RevokeAsync(db, id, time, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no token {id}.");
}
