using Headwater.Connectors.Scim;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>The SCIM base URL: credentials never go in clear across a network unless asked, and every request lands
/// under the URL as given.</summary>
public sealed class ScimOptionsTests
{
    private static ScimOptions Options(string url, bool allowInsecureHttp = false) =>
        new() { BaseUrl = new Uri(url), BearerToken = "token", AllowInsecureHttp = allowInsecureHttp };

    [Theory]
    [InlineData("http://app.example.com/scim/v2")]
    [InlineData("http://10.0.0.7:8080/scim/v2")]
    [InlineData("http://[2001:db8::1]/scim/v2")]
    public void Plain_http_to_a_host_that_is_not_loopback_is_refused_unless_allowed(string url)
    {
        var refused = Assert.Throws<ScimConfigurationException>(() => Options(url).Validate());

        Assert.Contains("allowInsecureHttp", refused.Message, StringComparison.Ordinal);
        Options(url, allowInsecureHttp: true).Validate();
    }

    [Theory]
    [InlineData("http://localhost:5000/scim/v2")]
    [InlineData("http://127.0.0.1:5000/scim/v2")]
    [InlineData("http://127.10.20.30/scim/v2")]
    [InlineData("http://[::1]:5000/scim/v2")]
    [InlineData("https://app.example.com/scim/v2")]
    public void Https_and_loopback_http_are_accepted(string url) => Options(url).Validate();

    [Theory]
    [InlineData("https://app.example.com/scim/v2?tenant=1")]
    [InlineData("https://app.example.com/scim/v2#users")]
    [InlineData("https://app.example.com/scim/v2?")]
    public void A_base_url_with_a_query_or_fragment_is_refused_without_echoing_the_query(string url)
    {
        var refused = Assert.Throws<ScimConfigurationException>(() => Options(url).Validate());

        Assert.Contains("query", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant=1", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://app.example.com/scim/v2")]
    [InlineData("https://app.example.com/scim/v2/")]
    public void Requests_keep_the_last_segment_with_or_without_a_trailing_slash(string url) =>
        Assert.Equal("https://app.example.com/scim/v2/Users", new Uri(Options(url).Root, "Users").AbsoluteUri);

    [Theory]
    [InlineData("token\r")]
    [InlineData("tok\nen")]
    [InlineData("token\0")]
    public void A_token_with_a_line_break_or_NUL_is_refused_with_the_likely_cause(string token)
    {
        var options = Options("https://app.example.com/scim/v2") with { BearerToken = token };

        var refused = Assert.Throws<ScimConfigurationException>(options.Validate);

        Assert.Contains("Windows line endings", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, refused.Message, StringComparison.Ordinal);
    }
}
