using Headwater.Core.Destinations;

namespace Headwater.Connectors.Webhooks;

/// <summary>
/// Where a webhook posts and how it signs: the receiver's URL, the <c>whsec_</c> secret (and during a rotation the
/// previous one, so both sign until the receiver has the new one), the event types wanted and how long one attempt
/// may take. Redirects are never followed: a signed event goes only where it was configured to go.
/// </summary>
public sealed record WebhookOptions : DestinationOptions
{
    public const string SecretPrefix = "whsec_";

    public required Uri Url { get; init; }

    public required string Secret { get; init; }

    public string? PreviousSecret { get; init; }

    public required IReadOnlySet<string> Events { get; init; }

    /// <summary>http:// to a host other than this machine; only where the network in between is trusted.</summary>
    public bool AllowInsecureHttp { get; init; }

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>What is wrong with <paramref name="url"/> as a receiver's URL; null when nothing.</summary>
    public static string? UrlProblem(Uri url, bool allowInsecureHttp)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback && !allowInsecureHttp)
        {
            return "uses http://, which would send employee data in clear; use https://, or set allowInsecureHttp: true " +
                "if the network in between is trusted";
        }
        return null;
    }

    /// <summary>What is wrong with <paramref name="secret"/> as a signing secret; null when nothing. Standard Webhooks
    /// secrets are <c>whsec_</c> and base64 of 24 to 64 random bytes.</summary>
    public static string? SecretProblem(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return $"must start with {SecretPrefix} followed by base64 (e.g. whsec_ and the output of `openssl rand -base64 32`)";
        }
        var bytes = new byte[secret.Length];
        if (!Convert.TryFromBase64String(secret[SecretPrefix.Length..], bytes, out var length))
        {
            return $"is not valid base64 after {SecretPrefix}";
        }
        return length is < 24 or > 64 ? $"holds {length} bytes; use 24 to 64 random bytes (32 is usual)" : null;
    }

    public override string ToString() => Url.GetLeftPart(UriPartial.Path);
}
