using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Service;

/// <summary>The scopes a token can hold. <c>admin</c> implies <c>read</c>.</summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Read, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>The scopes a token grants: its own, and read for admin.</summary>
    public static IReadOnlyList<string> Granted(string stored)
    {
        var scopes = Parse(stored);
        return scopes.Contains(Admin, StringComparer.Ordinal) && !scopes.Contains(Read, StringComparer.Ordinal) ? [.. scopes, Read] : scopes;
    }

    public static IReadOnlyList<string> Parse(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>What a token is, without its secret (which cannot be read back).</summary>
public sealed record TokenView(int Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public static TokenView Of(ApiToken token) =>
        new(token.Id, token.Name, ApiScopes.Parse(token.Scopes), token.CreatedAt, token.LastUsedAt, token.RevokedAt);
}

/// <summary>A token just created, with its secret: the only time the secret is shown.</summary>
public sealed record CreatedToken(TokenView Token, string Secret);

/// <summary>Creates API tokens and finds them by secret. A secret is <c>hw_</c> and 32 random bytes (base64url); the
/// database keeps its SHA-256 only. A fast hash is enough: the secret is random, not a password to guess.</summary>
public static class ApiTokens
{
    public const string Prefix = "hw_";
    public const int MaxNameLength = 100;

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <param name="db">Where the token is stored.</param>
    /// <param name="name">What the token is for, for people.</param>
    /// <param name="scopes">Known scopes (<see cref="ApiScopes"/>).</param>
    /// <param name="time">The clock for its creation time.</param>
    /// <param name="cancellationToken">Stops the save.</param>
    public static async Task<CreatedToken> CreateAsync(HeadwaterDb db, string name, IEnumerable<string> scopes, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Name = name,
            Hash = Hash(secret),
            Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedToken(TokenView.Of(token), secret);
    }

    /// <summary>The token whose secret this is, unless it is revoked; null for anything else (not a token at all included).</summary>
    /// <param name="db">The service's database.</param>
    /// <param name="secret">What was presented.</param>
    /// <param name="cancellationToken">Stops the look-up.</param>
    public static async Task<ApiToken?> FindActiveAsync(HeadwaterDb db, string? secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        return token is { RevokedAt: null } ? token : null;
    }

    /// <summary>On first start (no token at all, not even a revoked one), an admin token, so the service can be used; null
    /// otherwise.</summary>
    /// <param name="db">The service's database.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Stops the look-up and the save.</param>
    public static async Task<string?> CreateFirstAsync(HeadwaterDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.ApiTokens.AnyAsync(cancellationToken))
        {
            return null;
        }
        return (await CreateAsync(db, "first admin token", [ApiScopes.Admin], time, cancellationToken)).Secret;
    }

    /// <summary>Revokes a token (a token already revoked keeps its time); false when there is no such token.</summary>
    /// <param name="db">The service's database.</param>
    /// <param name="id">The token's id.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Stops the update.</param>
    public static async Task<bool> RevokeAsync(HeadwaterDb db, int id, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        await db.ApiTokens.Where(t => t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return await db.ApiTokens.AnyAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>What is wrong with a new token's name and scopes, by field; empty when nothing is.</summary>
    public static Dictionary<string, string[]> Problems(string? name, IReadOnlyCollection<string>? scopes)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            problems["name"] = [$"A name of 1 to {MaxNameLength} characters is required."];
        }
        if (scopes is null || scopes.Count == 0 || scopes.Any(s => !ApiScopes.IsKnown(s)))
        {
            problems["scopes"] = [$"One or more of: {string.Join(", ", ApiScopes.All)}."];
        }
        return problems;
    }
}
