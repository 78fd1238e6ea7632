using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Service;

/// <summary>The authorisation tests run over <see cref="ServiceRequests.Protected"/>, a list kept by hand: an endpoint
/// added to the service without a line there would go untested, so every mapped API endpoint must match one.</summary>
public sealed class EndpointCoverageTests
{
    [Fact]
    public async Task Every_api_endpoint_is_in_the_list_the_authorisation_tests_use()
    {
        await using var service = await ServiceApplication.StartAsync();
        var listed = ServiceRequests.Protected.Select(row => (Method: (string)row[0], Path: (string)row[1])).ToList();

        var endpoints = service.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (Pattern: "/" + endpoint.RoutePattern.RawText!.Trim('/'),
                Methods: endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(endpoint => endpoint.Pattern.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(endpoints);
        var missing = endpoints
            .SelectMany(endpoint => endpoint.Methods.Select(method => (Method: method, endpoint.Pattern)))
            .Where(endpoint => !listed.Any(row => row.Method == endpoint.Method && Matches(endpoint.Pattern, row.Path)))
            .Select(endpoint => $"{endpoint.Method} {endpoint.Pattern}")
            .ToList();
        Assert.True(missing.Count == 0, "Not in ServiceRequests.Protected: " + string.Join(", ", missing));
    }

    private static bool Matches(string pattern, string path) =>
        Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(pattern), @"\\\{[^}]*}", "[^/]+") + "$", RegexOptions.None,
            TimeSpan.FromSeconds(1));
}
