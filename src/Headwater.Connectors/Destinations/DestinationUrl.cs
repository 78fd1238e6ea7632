using Headwater.Core.Configuration;

namespace Headwater.Connectors.Destinations;

/// <summary>A destination's <c>url:</c>: required, absolute, http(s), and whatever else its kind asks of it.</summary>
internal static class DestinationUrl
{
    /// <param name="check">Where problems are reported.</param>
    /// <param name="written">The value as written.</param>
    /// <param name="example">A URL of the right shape, for the message.</param>
    /// <param name="problem">What the kind finds wrong with an http(s) URL; null when nothing.</param>
    public static Uri? Read(ConfigCheck check, string? written, string example, Func<Uri, string?> problem)
    {
        var text = check.Text("url", written, required: true);
        if (text is null)
        {
            return null;
        }
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            check.Problem("url", $"'{text}' is not an absolute http(s) URL, e.g. {example}");
            return null;
        }
        if (problem(url) is { } wrong)
        {
            // Only up to the path: a query may hold a token.
            check.Problem("url", $"'{url.GetLeftPart(UriPartial.Path)}' {wrong}");
            return null;
        }
        return url;
    }
}
