using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Headwater.Simulator.Tests.Support;

namespace Headwater.Simulator.Tests.Ukg;

/// <summary>Date filters carry the operator in the value: =&gt;, =&lt;, ={a,b} and a plain day (api-reference §4).</summary>
public sealed class DateFilterTests
{
    [Theory]
    [InlineData(">11-01-2026", "2026-11-01T00:00:00", null, false)]
    [InlineData(">2026-11-01", "2026-11-01T00:00:00", null, false)]
    [InlineData("<01-01-2026", null, "2026-01-01T00:00:00", false)]
    [InlineData("{01-01-2026,06-30-2026}", "2026-01-01T00:00:00", "2026-07-01T00:00:00", false)]
    [InlineData("{2026-01-01T00:00:00,2026-06-30T23:59:59}", "2026-01-01T00:00:00", "2026-06-30T23:59:59", true)]
    [InlineData("{2026-01-01T05:00:00Z,2026-07-01T04:00:00Z}", "2026-01-01T00:00:00", "2026-07-01T00:00:00", true)]
    [InlineData("%3E11-01-2026", "2026-11-01T00:00:00", null, false)]
    [InlineData("%3C01-01-2026", null, "2026-01-01T00:00:00", false)]
    [InlineData("%7B01-01-2026%2C06-30-2026%7D", "2026-01-01T00:00:00", "2026-07-01T00:00:00", false)]
    [InlineData("%7B2026-01-01T00%3A00%3A00%2C2026-06-30T23%3A59%3A59%7D", "2026-01-01T00:00:00", "2026-06-30T23:59:59", true)]
    public async Task A_dateTimeChanged_filter_returns_exactly_the_rows_changed_in_its_window(
        string value, string? from, string? until, bool untilInclusive)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var start = Parse(from);
        var end = Parse(until);

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?dateTimeChanged={value}");

        var expected = rows.Where(r => (start is not { } s || r.DateTimeChanged >= s)
            && (end is not { } e || (untilInclusive ? r.DateTimeChanged <= e : r.DateTimeChanged < e))).Select(UkgTestKit.Key).ToList();
        Assert.InRange(expected.Count, 1, rows.Length - 1);
        Assert.Equal(expected, items.Select(UkgTestKit.EmploymentKey));
    }

    [Fact]
    public async Task A_plain_date_means_that_whole_day()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var day = DateOnly.FromDateTime(rows[10].DateTimeChanged);

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?dateTimeChanged={day.ToString("MM-dd-yyyy", CultureInfo.InvariantCulture)}");

        var expected = rows.Where(r => DateOnly.FromDateTime(r.DateTimeChanged) == day).Select(UkgTestKit.Key).ToList();
        Assert.Contains(UkgTestKit.Key(rows[10]), expected);
        Assert.Equal(expected, items.Select(UkgTestKit.EmploymentKey));
    }

    [Fact]
    public async Task Person_details_filter_on_dateTimeChanged_although_they_write_datetimeChanged()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var since = new DateTime(2026, 11, 1);

        var items = await sim.GetArray($"{UkgTestKit.PersonDetails}?dateTimeChanged=>11-01-2026");

        var expected = rows.Where(r => r.DateTimeChanged >= since).Select(r => r.EmployeeId).ToList();
        Assert.InRange(expected.Count, 1, rows.Length - 1);
        Assert.Equal(expected, items.Select(i => UkgTestKit.Text(i, "employeeId")));
        Assert.All(items, i => Assert.True(
            DateTime.Parse(UkgTestKit.Text(i, "datetimeChanged")!, CultureInfo.InvariantCulture) >= since));
    }

    [Fact]
    public async Task A_dateOfTermination_window_finds_the_terminations_in_it()
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();

        var items = await sim.GetArray($"{UkgTestKit.EmploymentDetails}?dateOfTermination={{01-01-2025,12-31-2025}}");

        var expected = rows.Where(r => r.DateOfTermination is { Year: 2025 }).Select(UkgTestKit.Key).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, items.Select(UkgTestKit.EmploymentKey));
    }

    [Theory]
    [InlineData("13-45-2026")]
    [InlineData(">not-a-date")]
    [InlineData("{01-01-2026}")]
    [InlineData("{01-01-2026,02-01-2026,03-01-2026}")]
    public async Task An_invalid_date_filter_is_400_with_a_JSON_error(string value)
    {
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());

        using var response = await sim.Get($"{UkgTestKit.EmploymentDetails}?dateTimeChanged={Uri.EscapeDataString(value)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("dateTimeChanged", out _));
    }

    [Fact]
    public async Task The_operators_and_braces_also_work_unencoded_on_the_wire()
    {
        // HttpClient percent-encodes < > { }; some scripts send them raw, so this request is written by hand.
        await using var sim = await SimulatorClient.StartAsync(UkgTestKit.Small());
        var rows = sim.Rows();
        var first = rows.First(r => r.DateTimeChanged >= new DateTime(2026, 1, 1) && r.DateTimeChanged < new DateTime(2026, 7, 1));
        Assert.NotEqual(rows[0], first);

        var response = await RawGet(sim, $"{UkgTestKit.EmploymentDetails}?dateTimeChanged={{01-01-2026,06-30-2026}}&per_Page=1");

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains($"\"employeeID\":\"{first.EmployeeId}\"", response, StringComparison.Ordinal);
    }

    private static DateTime? Parse(string? text) =>
        text is null ? null : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static async Task<string> RawGet(SimulatorClient sim, string pathAndQuery)
    {
        var options = sim.Simulator.Options;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.UserName}:{options.Password}"));
        using var client = new TcpClient();
        await client.ConnectAsync(sim.Simulator.BaseUrl.Host, sim.Simulator.BaseUrl.Port);
        await using var stream = client.GetStream();
        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {sim.Simulator.BaseUrl.Authority}\r\n"
            + $"Authorization: Basic {basic}\r\nUS-Customer-Api-Key: {options.CustomerApiKey}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
