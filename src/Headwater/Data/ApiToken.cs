using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headwater.Data;

/// <summary>An API token of <c>headwater serve</c>. Only the SHA-256 hash of its secret is stored: the secret is shown
/// once, when the token is created, and cannot be read back.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the secret, which is how a request's token is found.</summary>
    public required string Hash { get; set; }

    /// <summary>Space-separated, as in OAuth: <c>read</c>, <c>admin</c>.</summary>
    public required string Scopes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.HasKey(t => t.Id);
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.Property(t => t.Scopes).HasMaxLength(64);
        token.HasIndex(t => t.Hash).IsUnique();
    }
}
