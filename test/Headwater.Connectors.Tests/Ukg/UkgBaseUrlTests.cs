using Headwater.Connectors.Ukg;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>What administrators paste as the base URL, reduced to the host UKG's REST paths start from (issue: "normalise to the host").</summary>
public sealed class UkgBaseUrlTests
{
    [Theory]
    [InlineData("service2.ultipro.com", "https://service2.ultipro.com/")]
    [InlineData("  service2.ultipro.com  ", "https://service2.ultipro.com/")]
    [InlineData("Servicet.ULTIPRO.com", "https://servicet.ultipro.com/")]
    [InlineData("service3.ultipro.ca", "https://service3.ultipro.ca/")]
    [InlineData("service2.ultipro.com/services/LoginService", "https://service2.ultipro.com/")]
    [InlineData("https://service5.ultipro.com", "https://service5.ultipro.com/")]
    [InlineData("https://service5.ultipro.com/", "https://service5.ultipro.com/")]
    [InlineData("https://service2.ultipro.com/services/LoginService", "https://service2.ultipro.com/")]
    [InlineData("https://Servicet.ultipro.com/services/BIDataService", "https://servicet.ultipro.com/")]
    [InlineData("https://servicet.ultipro.com/services/", "https://servicet.ultipro.com/")]
    [InlineData("https://service4.ultipro.com/services/EmployeePerson?wsdl", "https://service4.ultipro.com/")]
    [InlineData("https://service5.ultipro.com/personnel/v1/employment-details?page=1&per_Page=100", "https://service5.ultipro.com/")]
    [InlineData("https://service5.ultipro.com/api/personnel/v1/employment-details", "https://service5.ultipro.com/")]
    [InlineData("HTTPS://RENTAL4.ULTIPRO.COM/services/LoginService", "https://rental4.ultipro.com/")]
    [InlineData("https://service101.ukgpro.com:8443/api/v1/", "https://service101.ukgpro.com:8443/")]
    public void A_pasted_URL_is_reduced_to_its_https_host_without_a_note(string pasted, string expected)
    {
        var normalised = UkgBaseUrl.Normalise(pasted);

        Assert.Equal(expected, normalised.Url.ToString());
        Assert.Null(normalised.Note);
    }

    [Theory]
    [InlineData("http://service.ultipro.com/services/LoginService", "https://service.ultipro.com/")]
    [InlineData("http://Servicet.ultipro.com/services/BIDataService", "https://servicet.ultipro.com/")]
    [InlineData("http://service2.ultipro.com:80/", "https://service2.ultipro.com/")]
    public void An_http_URL_for_a_real_host_is_upgraded_to_https_with_a_visible_note(string pasted, string expected)
    {
        var normalised = UkgBaseUrl.Normalise(pasted);

        Assert.Equal(expected, normalised.Url.ToString());
        Assert.NotNull(normalised.Note);
        Assert.Contains("https", normalised.Note, StringComparison.Ordinal);
        Assert.Contains(normalised.Url.Host, normalised.Note, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://127.0.0.1:5080/services/LoginService", "http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5080/", "http://localhost:5080/")]
    [InlineData("http://LOCALHOST:5080", "http://localhost:5080/")]
    [InlineData("http://[::1]:5080/personnel/v1/employment-details", "http://[::1]:5080/")]
    [InlineData("http://127.0.0.1", "http://127.0.0.1/")]
    public void An_http_URL_on_loopback_stays_http_with_its_port(string pasted, string expected)
    {
        var normalised = UkgBaseUrl.Normalise(pasted);

        Assert.Equal(expected, normalised.Url.ToString());
        Assert.Null(normalised.Note);
    }

    [Theory]
    [InlineData("ftp://service2.ultipro.com", "ftp")]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("ws://service2.ultipro.com/", "ws")]
    public void Any_other_scheme_is_refused_naming_the_scheme_and_https(string pasted, string scheme)
    {
        var error = Assert.Throws<UkgConfigurationException>(() => UkgBaseUrl.Normalise(pasted));

        Assert.Contains(scheme + "://", error.Message, StringComparison.Ordinal);
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_base_URL_is_refused_with_where_to_find_it(string pasted)
    {
        var error = Assert.Throws<UkgConfigurationException>(() => UkgBaseUrl.Normalise(pasted));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("Web Services", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("https://")]
    [InlineData("https:// /services")]
    [InlineData("service2 ultipro com")]
    public void Garbage_is_refused_with_an_example_of_a_good_URL(string pasted)
    {
        var error = Assert.Throws<UkgConfigurationException>(() => UkgBaseUrl.Normalise(pasted));

        Assert.Contains("e.g. https://service2.ultipro.com", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("[::1]", true)]
    [InlineData("::1", true)]
    [InlineData("service2.ultipro.com", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("localhost.example.com", false)]
    public void Only_loopback_hosts_count_as_loopback(string host, bool loopback) =>
        Assert.Equal(loopback, UkgBaseUrl.IsLoopback(host));
}
