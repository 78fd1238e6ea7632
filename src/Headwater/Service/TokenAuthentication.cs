using System.Security.Claims;
using System.Text.Encodings.Web;
using Headwater.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Headwater.Service;

/// <summary>
/// <c>Authorization: Bearer hw_…</c>: the token is found by the hash of its secret and must not be revoked. Its scopes
/// become <c>scope</c> claims that the <c>read</c> and <c>admin</c> policies require; every endpoint without a policy of
/// its own needs an authenticated token (the fallback policy), so a new endpoint is never public by accident.
/// </summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string ScopeClaim = "scope";
    public const string TokenIdClaim = "token_id";

    /// <summary>How stale a token's last-used time may get: updating it on every request would write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Not a Headwater token.");
        }
        var db = Context.RequestServices.GetRequiredService<HeadwaterDb>();
        if (await ApiTokens.FindActiveAsync(db, secret, Context.RequestAborted) is not { } token)
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }
        var now = TimeProvider.GetUtcNow();
        if (token.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var claims = new List<Claim>
        {
            new(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, token.Name),
        };
        claims.AddRange(ApiScopes.Granted(token.Scopes).Select(scope => new Claim(ScopeClaim, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return base.HandleChallengeAsync(properties);
    }
}

public static class TokenAuthenticationExtensions
{
    /// <summary>Bearer-token authentication, the <c>read</c> and <c>admin</c> policies, and a fallback policy that
    /// requires a token everywhere else.</summary>
    /// <param name="services">The service's services.</param>
    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(TokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiScopes.Read, policy => policy.RequireClaim(TokenAuthentication.ScopeClaim, ApiScopes.Read))
            .AddPolicy(ApiScopes.Admin, policy => policy.RequireClaim(TokenAuthentication.ScopeClaim, ApiScopes.Admin));
        return services;
    }
}
