using System.Globalization;
using System.Security.Claims;
using Headwater.Data;
using Headwater.Service;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Ui;

/// <summary>Signing in to the UI with an API token: the cookie carries the token's id and scopes (never its secret), and
/// is refused as soon as the token is revoked.</summary>
public static class UiSession
{
    /// <summary>Signs in with <paramref name="secret"/>; false when it is not a token the service knows and has not revoked.</summary>
    public static async Task<bool> SignInAsync(HttpContext http, HeadwaterDb db, string? secret)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await ApiTokens.FindActiveAsync(db, secret?.Trim(), http.RequestAborted) is not { } token)
        {
            return false;
        }
        var claims = new List<Claim>
        {
            new(TokenAuthentication.TokenIdClaim, token.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, token.Name),
        };
        claims.AddRange(ApiScopes.Granted(token.Scopes).Select(scope => new Claim(TokenAuthentication.ScopeClaim, scope)));
        await http.SignInAsync(AdminUi.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, AdminUi.Scheme)));
        return true;
    }

    internal static async Task<IResult> SignOutAsync(HttpContext http, IFormCollection form)
    {
        _ = form; // bound so the antiforgery token is checked
        await http.SignOutAsync(AdminUi.Scheme);
        return TypedResults.Redirect(AdminUi.SignInPath);
    }

    /// <summary>A cookie of a revoked (or deleted) token signs nobody in.</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirst(TokenAuthentication.TokenIdClaim)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<HeadwaterDb>();
        var valid = int.TryParse(id, CultureInfo.InvariantCulture, out var tokenId)
            && await db.ApiTokens.AnyAsync(t => t.Id == tokenId && t.RevokedAt == null, context.HttpContext.RequestAborted);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminUi.Scheme);
        }
    }

    /// <summary>Whether the signed-in token may change things (admin scope).</summary>
    public static bool IsAdmin(ClaimsPrincipal user) =>
        user is not null && user.HasClaim(TokenAuthentication.ScopeClaim, ApiScopes.Admin);
}
