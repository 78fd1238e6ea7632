using System.Net;
using System.Text.Json;
using Headwater.Simulator.Faults;

namespace Headwater.Simulator.Tests.Faults;

public sealed class ErrorAndTruncationTests
{
    [Fact]
    public async Task An_error_rate_of_one_answers_every_call_500_with_a_json_body()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { ErrorRate = 1.0 });

        foreach (var path in new[] { "/personnel/v1/employment-details", "/personnel/v1/person-details", "/configuration/v1/company-details" })
        {
            using var response = await sim.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task A_partial_error_rate_fails_some_calls_in_the_same_order_for_the_same_seed()
    {
        var settings = new FaultSettings { ErrorRate = 0.5, Seed = 11 };

        var first = await Statuses(settings);
        var second = await Statuses(settings);

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
    }

    private static async Task<List<HttpStatusCode>> Statuses(FaultSettings settings)
    {
        await using var sim = await FaultySimulator.StartAsync(settings);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await sim.Http.GetAsync(FaultySimulator.Employees);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    [Fact]
    public async Task A_truncate_rate_of_one_cuts_lists_off_mid_json()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { TruncateRate = 1.0 });

        using var response = await sim.Http.GetAsync(FaultySimulator.Employees);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("[{", body, StringComparison.Ordinal);
        Assert.Contains("\"employeeID\"", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Truncation_leaves_single_objects_whole()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { TruncateRate = 1.0 });
        var employeeId = sim.Simulator.Tenant.Snapshot().Span[0].EmployeeId;

        var person = await sim.GetJson($"/personnel/v1/person-details/{employeeId}");

        Assert.Equal(employeeId, person.GetProperty("employeeId").GetString());
    }
}
