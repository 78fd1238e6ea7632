using Headwater.Scheduling;

namespace Headwater.Tests.Scheduling;

/// <summary>When syncs are due, on fixed instants across daylight-saving changes: New York in March and November, Lord
/// Howe (a half-hour change), Kolkata (none, at +05:30) and Havana (whose clocks skip midnight).</summary>
public sealed class SyncScheduleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo LordHowe = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo Havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_interval_counts_from_when_the_last_sync_finished_and_runs_once_after_downtime()
    {
        var daily = SyncSchedule.Daily;
        var last = Utc("2027-03-13T14:20:00");

        Assert.Equal(last.AddHours(24), daily.Due(last, last.AddHours(3)));
        Assert.Equal(last.AddDays(5), daily.Due(last, last.AddDays(5)));
        Assert.Equal(last, daily.Due(null, last));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyncSchedule.Every(TimeSpan.FromMinutes(4)));
        Assert.Equal(last.AddMinutes(5), new SyncSchedule.Every(TimeSpan.FromMinutes(5)).Due(last, last.AddMinutes(1)));
    }

    [Theory]
    // 06:00 every day in New York: EST (UTC-5) before the change on 14 March 2027, EDT (UTC-4) after it.
    [InlineData("America/New_York", "2027-03-13T12:00:00", "2027-03-14T10:00:00")]
    [InlineData("America/New_York", "2027-03-14T10:00:00", "2027-03-15T10:00:00")]
    // And back on 7 November 2027.
    [InlineData("America/New_York", "2027-11-06T11:00:00", "2027-11-07T11:00:00")]
    [InlineData("America/New_York", "2027-11-07T11:00:00", "2027-11-08T11:00:00")]
    // Lord Howe moves by half an hour (+11 in summer, +10:30 in winter), on 4 April 2027.
    [InlineData("Australia/Lord_Howe", "2027-04-01T19:00:00", "2027-04-02T19:00:00")]
    [InlineData("Australia/Lord_Howe", "2027-04-03T19:00:00", "2027-04-03T19:30:00")] // 05:30 on the 4th, after the change: 06:00 is half an hour on
    // Kolkata has no daylight saving: always 00:30 UTC.
    [InlineData("Asia/Kolkata", "2027-03-13T00:30:00", "2027-03-14T00:30:00")]
    public void A_cron_schedule_keeps_its_wall_clock_time_in_its_zone(string zone, string last, string next)
    {
        var schedule = new SyncSchedule.Cron("0 0 6 * * ?", TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(Utc(next), schedule.Due(Utc(last), Utc(last).AddMinutes(1)));
    }

    [Fact]
    public void A_cron_time_missed_while_stopped_runs_once_at_start_and_an_invalid_expression_is_refused()
    {
        var schedule = new SyncSchedule.Cron("0 0 6 * * ?", NewYork);
        var now = Utc("2027-03-20T15:00:00");

        Assert.Equal(now, schedule.Due(Utc("2027-03-14T10:00:00"), now));
        Assert.Equal(Utc("2027-03-21T10:00:00"), schedule.Due(now, now));
        Assert.Throws<FormatException>(() => new SyncSchedule.Cron("every day", NewYork));
    }

    [Theory]
    [InlineData("America/New_York", "2027-03-14", "2027-03-14T05:00:00")] // the change is at 02:00: midnight is still EST
    [InlineData("America/New_York", "2027-03-15", "2027-03-15T04:00:00")]
    [InlineData("America/New_York", "2027-11-07", "2027-11-07T04:00:00")]
    [InlineData("America/New_York", "2027-11-08", "2027-11-08T05:00:00")]
    [InlineData("Australia/Lord_Howe", "2027-04-04", "2027-04-03T13:00:00")]
    [InlineData("Australia/Lord_Howe", "2027-04-05", "2027-04-04T13:30:00")]
    [InlineData("Asia/Kolkata", "2027-03-14", "2027-03-13T18:30:00")]
    [InlineData("America/Havana", "2027-03-14", "2027-03-14T05:00:00")] // 00:00 does not exist there that day: it begins at 01:00 CDT
    public void A_tenant_day_begins_at_its_first_instant_whatever_daylight_saving_does(string zone, string day, string start)
    {
        Assert.Equal(Utc(start), TenantDay.Start(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            TimeZoneInfo.FindSystemTimeZoneById(zone)));
    }

    [Fact]
    public void A_termination_day_ending_wakes_the_schedule_at_the_start_of_the_next_tenant_day_across_daylight_saving()
    {
        var daily = SyncSchedule.Daily;
        // The last daily sync finished at 09:20 EST on 13 March; someone's last day is 13 March, so access ends when
        // the 14th begins in New York (05:00 UTC, still EST), long before the next daily sync.
        var last = Utc("2027-03-13T14:20:00");
        var termination = new DateOnly(2027, 3, 13);

        var wake = daily.NextWakeUp(last, last.AddHours(1), termination.AddDays(1), NewYork);

        Assert.Equal(Utc("2027-03-14T05:00:00"), wake);
        Assert.Equal(Utc("2027-03-14T05:00:00"), daily.NextWakeUp(last, last.AddHours(1), termination.AddDays(1), Havana));
        Assert.Equal(Utc("2027-03-13T18:30:00"), daily.NextWakeUp(last, last.AddHours(1), termination.AddDays(1), Kolkata));
        // In Lord Howe the 14th had begun (13:00 UTC) before that sync finished: it saw the day, so nothing is due early.
        Assert.Equal(last.AddHours(24), daily.NextWakeUp(last, last.AddHours(1), termination.AddDays(1), LordHowe));
    }

    [Fact]
    public void An_effective_day_already_seen_by_the_last_sync_does_not_wake_it_again_and_one_begun_since_wakes_it_now()
    {
        var daily = SyncSchedule.Daily;
        var dayStart = Utc("2027-11-08T05:00:00");

        Assert.Equal(dayStart.AddHours(3).AddHours(24), daily.NextWakeUp(dayStart.AddHours(3), dayStart.AddHours(4), new DateOnly(2027, 11, 8), NewYork));
        var now = dayStart.AddHours(2);
        Assert.Equal(now, daily.NextWakeUp(dayStart.AddHours(-10), now, new DateOnly(2027, 11, 8), NewYork));
        Assert.Equal(dayStart.AddHours(-10).AddHours(24), daily.NextWakeUp(dayStart.AddHours(-10), dayStart.AddHours(-9), null, NewYork));
    }
}
