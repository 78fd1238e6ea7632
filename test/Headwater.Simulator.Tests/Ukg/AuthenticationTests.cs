using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>HTTP Basic with a web service account plus US-Customer-Api-Key on every call (api-reference §2).</summary>
public sealed class AuthenticationTests
{
    private const string Probe = UkgTestKit.EmploymentDetails + "?per_Page=1";

    [Fact]
    public async Task Basic_credentials_with_the_customer_api_key_are_accepted()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        var rows = await sim.GetArray(Probe);

        Assert.Equal(UkgTestKit.Key(sim.Rows()[0]), UkgTestKit.EmploymentKey(Assert.Single(rows)));
    }

    [Theory]
    [InlineData("US-Customer-Api-Key")]
    [InlineData("us-customer-api-key")]
    [InlineData("US-CUSTOMER-API-KEY")]
    public async Task The_customer_api_key_header_name_is_matched_case_insensitively(string headerName)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var options = sim.Simulator.Options;
        using var http = sim.CreateHttp(options.UserName, options.Password, customerApiKey: null);
        http.DefaultRequestHeaders.Add(headerName, options.CustomerApiKey);

        using var response = await http.GetAsync(new Uri(Probe, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("wrong user")]
    [InlineData("wrong password")]
    [InlineData("wrong customer api key")]
    [InlineData("missing customer api key")]
    [InlineData("missing authorization")]
    [InlineData("bearer instead of basic")]
    public async Task Bad_or_missing_credentials_are_401(string problem)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var options = sim.Simulator.Options;
        using var http = new HttpClient { BaseAddress = sim.Simulator.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Probe, UriKind.Relative));
        var user = problem == "wrong user" ? "SOMEONE_ELSE" : options.UserName;
        var password = problem == "wrong password" ? options.Password + "x" : options.Password;
        var key = problem == "wrong customer api key" ? "ZZZZZ" : options.CustomerApiKey;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        if (problem != "missing authorization")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(problem == "bearer instead of basic" ? "Bearer" : "Basic", basic);
        }
        if (problem != "missing customer api key")
        {
            request.Headers.Add("US-Customer-Api-Key", key);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var good = await sim.Get(Probe);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Theory]
    [InlineData("/personnel/v1/person-details")]
    [InlineData("/personnel/v1/person-details/{employee}")]
    [InlineData("/personnel/v1/companies/{company}/person-details")]
    [InlineData("/personnel/v1/employee-changes")]
    [InlineData("/personnel/v1/employee-changes/{employee}")]
    [InlineData("/configuration/v1/company-details")]
    [InlineData("/configuration/v1/org-levels")]
    [InlineData("/configuration/v1/locations")]
    [InlineData("/configuration/v1/jobs")]
    [InlineData("/configuration/v2/jobs")]
    public async Task The_limited_account_is_403_where_it_lacks_View(string template)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var path = Fill(template, sim);

        using var limited = Limited(sim);
        using var response = await limited.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var full = await sim.Get(path);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    [Theory]
    [InlineData("/personnel/v1/employment-details")]
    [InlineData("/personnel/v1/companies/{company}/employment-details")]
    [InlineData("/personnel/v1/companies/{company}/employees/{employee}/employment-details")]
    [InlineData("/personnel/v1/employee-supervisor-details")]
    [InlineData("/personnel/v1/user-profile-details")]
    public async Task The_limited_account_reads_the_Personnel_Integration_endpoints(string template)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        using var limited = Limited(sim);
        using var response = await limited.GetAsync(new Uri(Fill(template, sim), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await UkgTestKit.ReadArray(response));
    }

    [Fact]
    public async Task A_wrong_password_on_the_limited_account_is_401_not_403()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var options = sim.Simulator.Options;

        using var http = sim.CreateHttp(options.LimitedUserName, options.LimitedPassword + "x", options.CustomerApiKey);
        using var response = await http.GetAsync(new Uri(UkgTestKit.PersonDetails, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_headers_x_api_key_US_CLIENT_ID_and_X_Correlation_Id_are_accepted_and_ignored()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var options = sim.Simulator.Options;
        using var http = sim.CreateHttp(options.UserName, options.Password, options.CustomerApiKey);
        http.DefaultRequestHeaders.Add("x-api-key", "BB7VDK0000K0");
        http.DefaultRequestHeaders.Add("US-CLIENT-ID", "some-client");
        http.DefaultRequestHeaders.Add("X-Correlation-Id", Guid.NewGuid().ToString());
        var path = UkgTestKit.EmploymentDetails + "?per_Page=5";

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        using var plain = await sim.Get(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync());
    }

    private static HttpClient Limited(SimulatorClient sim)
    {
        var options = sim.Simulator.Options;
        return sim.CreateHttp(options.LimitedUserName, options.LimitedPassword, options.CustomerApiKey);
    }

    private static string Fill(string template, SimulatorClient sim)
    {
        var row = sim.Rows()[0];
        return template.Replace("{company}", row.CompanyId, StringComparison.Ordinal)
            .Replace("{employee}", row.EmployeeId, StringComparison.Ordinal);
    }
}
