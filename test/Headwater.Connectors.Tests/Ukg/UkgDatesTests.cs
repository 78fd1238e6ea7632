using Headwater.Connectors.Ukg;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>
/// Dates as tenants write them (api-reference §5.1, §10.11: tenant-local without offset, but Z and offsets occur, and
/// "" or null for none), taken in the tenant's time zone, including across DST changes in New York (2026: spring
/// forward 8 March at 02:00 EST, fall back 1 November at 02:00 EDT).
/// </summary>
public sealed class UkgDatesTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [Theory]
    // Tenant-local, no offset: the date is what it says, whatever the time.
    [InlineData("2026-03-08T00:00:00", "2026-03-08")]
    [InlineData("2026-03-08T23:59:59", "2026-03-08")]
    [InlineData("2026-03-08T02:30:00", "2026-03-08")] // a local time that does not exist in New York is still that day
    [InlineData("2026-11-01T01:30:00", "2026-11-01")] // a local time that happens twice is still that day
    [InlineData("2026-03-08T00:00:00.337", "2026-03-08")]
    // Date only, in the forms UKG documents and clients meet.
    [InlineData("2026-03-08", "2026-03-08")]
    [InlineData("03-08-2026", "2026-03-08")]
    [InlineData("03/08/2026", "2026-03-08")]
    // UTC before spring-forward (EST, UTC-5): late evening UTC-side is the previous local day.
    [InlineData("2026-03-08T03:30:00Z", "2026-03-07")]
    [InlineData("2026-03-08T04:59:59Z", "2026-03-07")]
    [InlineData("2026-03-08T05:00:00Z", "2026-03-08")]
    [InlineData("2026-03-08T06:59:00Z", "2026-03-08")] // 01:59 EST, a minute before the clocks jump
    [InlineData("2026-03-08T07:00:00Z", "2026-03-08")] // 03:00 EDT
    // After spring-forward (EDT, UTC-4): midnight is at 04:00Z, an hour earlier than the day before.
    [InlineData("2026-03-09T03:59:59Z", "2026-03-08")]
    [InlineData("2026-03-09T04:00:00Z", "2026-03-09")]
    [InlineData("2026-03-09T04:30:00Z", "2026-03-09")]
    // Around fall-back: midnight on 1 November is 04:00Z (EDT), on 2 November 05:00Z (EST).
    [InlineData("2026-11-01T03:59:00Z", "2026-10-31")]
    [InlineData("2026-11-01T04:00:00Z", "2026-11-01")]
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01")] // 01:30 EDT, the first time round
    [InlineData("2026-11-01T06:30:00Z", "2026-11-01")] // 01:30 EST, the second time round
    [InlineData("2026-11-02T04:30:00Z", "2026-11-01")] // 23:30 EST
    [InlineData("2026-11-02T05:00:00Z", "2026-11-02")]
    // Explicit offsets and the spec's sample form with milliseconds.
    [InlineData("2026-03-08T00:30:00-05:00", "2026-03-08")]
    [InlineData("2026-03-08T00:30:00+00:00", "2026-03-07")]
    [InlineData("2026-03-08T12:00:00+09:00", "2026-03-07")]
    [InlineData("2026-11-02T01:00:00+01:00", "2026-11-01")]
    [InlineData("2019-06-13T15:06:18.337Z", "2019-06-13")]
    [InlineData("2026-01-15T04:00:00.000Z", "2026-01-14")]
    public void A_UKG_date_is_taken_in_the_tenants_time_zone(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), UkgDates.ParseDate(text, NewYork));

    [Theory]
    [InlineData("2026-03-08T03:30:00Z", "2026-03-07T22:30:00")]
    [InlineData("2026-03-08T07:00:00Z", "2026-03-08T03:00:00")]
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01T01:30:00")]
    [InlineData("2026-11-01T06:30:00Z", "2026-11-01T01:30:00")]
    [InlineData("2026-07-04T09:15:00-07:00", "2026-07-04T12:15:00")]
    [InlineData("2026-07-04T09:15:00", "2026-07-04T09:15:00")]
    public void A_date_time_is_returned_as_tenant_local_time_without_an_offset(string text, string expected)
    {
        var local = UkgDates.ParseLocal(text, NewYork);

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), local);
        Assert.Equal(DateTimeKind.Unspecified, local!.Value.Kind);
    }

    [Fact]
    public void The_same_instant_falls_on_different_days_in_different_tenant_time_zones()
    {
        Assert.Equal(new DateOnly(2026, 3, 7), UkgDates.ParseDate("2026-03-08T03:30:00Z", NewYork));
        Assert.Equal(new DateOnly(2026, 3, 8), UkgDates.ParseDate("2026-03-08T03:30:00Z", Tokyo));
        Assert.Equal(new DateOnly(2026, 3, 8), UkgDates.ParseDate("2026-03-08T03:30:00", Tokyo));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Null_empty_and_blank_mean_no_date(string? text)
    {
        Assert.Null(UkgDates.ParseLocal(text, NewYork));
        Assert.Null(UkgDates.ParseDate(text, NewYork));
    }

    [Theory]
    [InlineData("not a date")]
    [InlineData("2026-13-45")]
    [InlineData("31/31/2026")]
    [InlineData("2026-02-30T00:00:00")]
    public void Text_that_is_not_a_date_is_a_format_error_naming_the_text(string text)
    {
        var error = Assert.Throws<FormatException>(() => UkgDates.ParseDate(text, NewYork));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }
}
