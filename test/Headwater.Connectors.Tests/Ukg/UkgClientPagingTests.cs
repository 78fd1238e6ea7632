using System.Globalization;
using System.Net;
using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Ukg;
using Microsoft.AspNetCore.Http;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>
/// Paging against tenants that behave as the reference says a real one may (§3): capped at 100, 200 or 10,000
/// whatever is asked, with or without a Link header, relative or absolute; the end is the first empty page. Paging
/// that is not working fails the read: a repeated page, or an employment (employee ID and company ID) on two pages.
/// </summary>
public sealed class UkgClientPagingTests
{
    private const string Path = "/personnel/v1/employment-details";

    private static List<string> Employees(int count) =>
        [.. Enumerable.Range(1, count).Select(i => $$"""{"employeeID":"E{{i:D5}}","companyID":"C0001","employeeNumber":"{{i:D6}}"}""")];

    private static async Task<List<EmploymentRecord>> ReadAll(ConnectorUnderTest connector, int perPage = 10_000)
    {
        var items = new List<EmploymentRecord>();
        await foreach (var item in connector.Client.ReadPages(Path, UkgJsonContext.Default.ListEmploymentRecord, perPage))
        {
            items.Add(item);
        }
        return items;
    }

    private static ConnectorUnderTest Connect(CannedUkgServer server) => ConnectorUnderTest.For(server.BaseUrl, "SVC", "pw", "B5JLX");

    [Theory]
    [InlineData(100, 250)]
    [InlineData(200, 250)]
    [InlineData(100, 300)]
    [InlineData(10_000, 250)]
    public async Task Without_a_Link_header_pages_are_counted_until_the_first_empty_one(int cap, int count)
    {
        await using var server = await CannedUkgServer.StartAsync(CannedUkgServer.PagedList(Employees(count), cap));
        using var connector = Connect(server);

        var items = await ReadAll(connector);

        Assert.Equal(Enumerable.Range(1, count).Select(i => $"E{i:D5}"), items.Select(i => i.EmployeeId));
        var pages = (count + cap - 1) / cap;
        Assert.Equal(Enumerable.Range(1, pages + 1).Select(p => $"{Path}?page={p}&per_Page=10000"), server.Requests);
    }

    [Fact]
    public async Task A_server_that_ignores_the_page_number_fails_the_read_instead_of_looping()
    {
        // As a mock serving UKG's published API description does: the same rows for every page, never [], no Link.
        await using var server = await CannedUkgServer.StartAsync(context => context.Response.WriteAsync("[" + string.Join(",", Employees(3)) + "]"));
        using var connector = Connect(server);

        var error = await Assert.ThrowsAsync<UkgPagingException>(() => ReadAll(connector));

        Assert.Contains("Paging is not working", error.Message, StringComparison.Ordinal);
        Assert.Contains("at page 2, the page repeats the one before it", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_short_page_does_not_end_the_read_only_an_empty_one_does()
    {
        // A tenant whose second page is short (a row was deleted mid-read, say) still has a third.
        var pages = new[] { Employees(3), Employees(5).Skip(3).Take(1).ToList(), Employees(6).Skip(4).ToList(), [] };
        await using var server = await CannedUkgServer.StartAsync(async context =>
        {
            var page = int.Parse(context.Request.Query["page"]!, CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("[" + string.Join(",", pages[Math.Min(page, pages.Length) - 1]) + "]");
        });
        using var connector = Connect(server);

        var items = await ReadAll(connector, perPage: 3);

        Assert.Equal(["E00001", "E00002", "E00003", "E00004", "E00005", "E00006"], items.Select(i => i.EmployeeId));
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task An_empty_first_page_is_an_empty_list_after_one_call()
    {
        await using var server = await CannedUkgServer.StartAsync(CannedUkgServer.PagedList([], 100));
        using var connector = Connect(server);

        var items = await ReadAll(connector);

        Assert.Empty(items);
        Assert.Equal([$"{Path}?page=1&per_Page=10000"], server.Requests);
        Assert.Equal(1, connector.Client.Calls);
    }

    [Theory]
    [InlineData(LinkStyle.Absolute)]
    [InlineData(LinkStyle.Relative)]
    public async Task With_a_Link_header_the_next_link_is_followed_and_its_absence_ends_the_read(LinkStyle link)
    {
        await using var server = await CannedUkgServer.StartAsync(CannedUkgServer.PagedList(Employees(250), 100, link));
        using var connector = Connect(server);

        var items = await ReadAll(connector);

        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"E{i:D5}"), items.Select(i => i.EmployeeId));
        Assert.Equal([$"{Path}?page=1&per_Page=10000", $"{Path}?page=2&per_page=100", $"{Path}?page=3&per_page=100"], server.Requests);
    }

    [Fact]
    public async Task A_Link_header_with_several_relations_is_read_for_next()
    {
        var items = Employees(5);
        await using var server = await CannedUkgServer.StartAsync(async context =>
        {
            var page = int.Parse(context.Request.Query["page"]!, CultureInfo.InvariantCulture);
            if (page == 1)
            {
                context.Response.Headers.Link = $"<{Path}?page=1&per_page=3>; rel=\"first\", <{Path}?page=2&per_page=3>; rel=\"next\", <{Path}?page=2&per_page=3>; rel=\"last\"";
            }
            await context.Response.WriteAsync("[" + string.Join(",", items.Skip((page - 1) * 3).Take(3)) + "]");
        });
        using var connector = Connect(server);

        var read = await ReadAll(connector);

        Assert.Equal(5, read.Count);
        Assert.Equal([$"{Path}?page=1&per_Page=10000", $"{Path}?page=2&per_page=3"], server.Requests);
    }

    [Fact]
    public async Task A_Link_to_another_host_is_not_followed_so_the_credentials_stay_with_the_tenant()
    {
        await using var elsewhere = await CannedUkgServer.StartAsync(CannedUkgServer.PagedList(Employees(250), 100));
        var items = Employees(250);
        await using var server = await CannedUkgServer.StartAsync(async context =>
        {
            var query = context.Request.Query;
            var page = int.Parse(query["page"]!, CultureInfo.InvariantCulture);
            context.Response.Headers.Link = $"<{elsewhere.BaseUrl}personnel/v1/employment-details?page={page + 1}&per_page=100>; rel=\"next\"";
            await context.Response.WriteAsync("[" + string.Join(",", items.Skip((page - 1) * 100).Take(100)) + "]");
        });
        using var connector = Connect(server);

        var read = await ReadAll(connector);

        Assert.Empty(elsewhere.Requests);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"E{i:D5}"), read.Select(i => i.EmployeeId));
    }

    [Fact]
    public async Task A_page_cut_off_mid_body_is_fetched_again()
    {
        var items = Employees(150);
        var served = 0;
        await using var server = await CannedUkgServer.StartAsync(async context =>
        {
            var page = int.Parse(context.Request.Query["page"]!, CultureInfo.InvariantCulture);
            var body = "[" + string.Join(",", items.Skip((page - 1) * 100).Take(100)) + "]";
            await context.Response.WriteAsync(Interlocked.Increment(ref served) == 2 ? body[..(body.Length / 2)] : body);
        });
        using var connector = Connect(server);

        var read = await ReadAll(connector);

        Assert.Equal(150, read.Count);
        Assert.Equal(read.Select(r => r.EmployeeId).Distinct(), read.Select(r => r.EmployeeId));
        Assert.Equal([$"{Path}?page=1&per_Page=10000", $"{Path}?page=2&per_Page=10000", $"{Path}?page=2&per_Page=10000", $"{Path}?page=3&per_Page=10000"], server.Requests);
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_is_fetched_again()
    {
        var items = Employees(150);
        var served = 0;
        await using var server = await CannedUkgServer.StartAsync(async context =>
        {
            var page = int.Parse(context.Request.Query["page"]!, CultureInfo.InvariantCulture);
            var body = "[" + string.Join(",", items.Skip((page - 1) * 100).Take(100)) + "]";
            if (Interlocked.Increment(ref served) == 1)
            {
                context.Response.ContentLength = body.Length;
                await context.Response.WriteAsync(body[..(body.Length / 2)]);
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }
            await context.Response.WriteAsync(body);
        });
        using var connector = Connect(server);

        var read = await ReadAll(connector);

        Assert.Equal(Enumerable.Range(1, 150).Select(i => $"E{i:D5}"), read.Select(r => r.EmployeeId));
        Assert.Equal([$"{Path}?page=1&per_Page=10000", $"{Path}?page=1&per_Page=10000", $"{Path}?page=2&per_Page=10000", $"{Path}?page=3&per_Page=10000"], server.Requests);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_times_out_and_is_fetched_again()
    {
        var items = Employees(150);
        var served = 0;
        await using var server = await CannedUkgServer.StartAsync(async context =>
        {
            var page = int.Parse(context.Request.Query["page"]!, CultureInfo.InvariantCulture);
            var body = "[" + string.Join(",", items.Skip((page - 1) * 100).Take(100)) + "]";
            if (Interlocked.Increment(ref served) == 1)
            {
                await context.Response.WriteAsync(body[..(body.Length / 2)]);
                await context.Response.Body.FlushAsync();
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }
            await context.Response.WriteAsync(body);
        });
        using var connector = ConnectorUnderTest.For(server.BaseUrl, "SVC", "pw", "B5JLX", ConnectorUnderTest.Fast with { AttemptTimeout = TimeSpan.FromSeconds(1) });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var read = new List<EmploymentRecord>();
        await foreach (var item in connector.Client.ReadPages(Path, UkgJsonContext.Default.ListEmploymentRecord, cancellationToken: limit.Token))
        {
            read.Add(item);
        }

        Assert.Equal(150, read.Count);
        Assert.Equal($"{Path}?page=1&per_Page=10000", server.Requests[1]);
    }

    [Fact]
    public async Task A_body_that_never_arrives_fails_the_read_after_three_tries_with_a_UKG_error()
    {
        await using var server = await CannedUkgServer.StartAsync(async context =>
        {
            await context.Response.WriteAsync("[");
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var connector = ConnectorUnderTest.For(server.BaseUrl, "SVC", "pw", "B5JLX", ConnectorUnderTest.Fast with { AttemptTimeout = TimeSpan.FromMilliseconds(500) });

        var error = await Assert.ThrowsAsync<UkgRequestException>(() => ReadAll(connector));

        Assert.Contains("did not arrive within 00:00:00.5000000 after 3 tries", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData("<html><body>Service unavailable</body></html>")]
    [InlineData("""{"message":"An error has occurred."}""")]
    [InlineData("""[{"employeeID":"E1"},""")]
    public async Task A_page_that_is_never_a_JSON_array_fails_the_read_after_three_tries(string body)
    {
        await using var server = await CannedUkgServer.StartAsync(context => context.Response.WriteAsync(body));
        using var connector = Connect(server);

        var error = await Assert.ThrowsAsync<UkgRequestException>(() => ReadAll(connector));

        Assert.Equal(HttpStatusCode.OK, error.Status);
        Assert.Contains("not valid JSON after 3 tries", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_client_error_fails_the_read_at_once_with_its_status(int status)
    {
        await using var server = await CannedUkgServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync("""{"title":"One or more validation errors occurred."}""");
        });
        using var connector = Connect(server);

        var error = await Assert.ThrowsAsync<UkgRequestException>(() => ReadAll(connector));

        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal($"{Path}?page=1&per_Page=10000", error.Url.ToString());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Every_call_carries_Basic_credentials_and_the_customer_API_key()
    {
        var headers = new System.Collections.Concurrent.ConcurrentQueue<(string? Authorization, string? Key, string? Accept)>();
        await using var server = await CannedUkgServer.StartAsync(context =>
        {
            headers.Enqueue((context.Request.Headers.Authorization, context.Request.Headers["US-Customer-Api-Key"], context.Request.Headers.Accept));
            return context.Response.WriteAsync("[]");
        });
        using var connector = ConnectorUnderTest.For(server.BaseUrl, "HEADWATER_SVC", "pä:ss", "B5JLX");

        await ReadAll(connector);

        var (authorization, key, accept) = Assert.Single(headers);
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("HEADWATER_SVC:pä:ss")), authorization);
        Assert.Equal("B5JLX", key);
        Assert.Equal("application/json", accept);
    }

    private static string Row(string employee, string company = "C0001") =>
        $$"""{"employeeID":"{{employee}}","companyID":"{{company}}","employeeNumber":"{{employee}}"}""";

    /// <summary>The employment pages as given (then []), and [] for every other list.</summary>
    private static Task<CannedUkgServer> Tenant(params string[][] pages) => CannedUkgServer.StartAsync(async context =>
    {
        var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
        var rows = context.Request.Path == Path && !context.Request.Query.ContainsKey("isHomeCompany")
            && page <= pages.Length ? pages[page - 1] : [];
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync("[" + string.Join(",", rows) + "]");
    });

    private static async Task<UkgSnapshot> ReadTenant(CannedUkgServer server)
    {
        using var connector = ConnectorUnderTest.For(server.BaseUrl, "SVC", "pw", "B5JLX");
        return await connector.Reader.ReadAll(new ReadOptions(PageSize: 3));
    }

    [Fact]
    public async Task A_page_that_overlaps_the_one_before_by_one_employee_fails_the_read_as_paging_not_working()
    {
        await using var server = await Tenant([Row("E1"), Row("E2"), Row("E3")], [Row("e3 "), Row("E4"), Row("E5")], [Row("E6")]);

        var error = await Assert.ThrowsAsync<UkgPagingException>(() => ReadTenant(server));

        Assert.Equal("Paging is not working for /personnel/v1/employment-details: at page 2, employee e3 of company C0001 was on page 1 " +
            "already (the pages overlap). The read was stopped; nothing was changed on its account.", error.Message);
    }

    [Fact]
    public async Task An_employee_in_two_companies_across_pages_and_a_row_repeated_within_a_page_are_read()
    {
        await using var server = await Tenant([Row("E1"), Row("E2"), Row("E3")], [Row("E3", "C0002"), Row("E4"), Row("E4")], [Row("E5")]);

        var snapshot = await ReadTenant(server);

        Assert.Equal(["E1/C0001", "E2/C0001", "E3/C0001", "E3/C0002", "E4/C0001", "E4/C0001", "E5/C0001"],
            snapshot.Employments.Select(e => $"{e.EmployeeId}/{e.CompanyId}"));
    }
}
