using Microsoft.Extensions.Time.Testing;

namespace Headwater.Tests.Support;

/// <summary>The fixed day the simulated tenants are "as of", and a fake clock that starts on it.</summary>
internal static class TestClock
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>15:00 UTC on the "as of" day: 10:00 in the tenant's New York time zone.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start);

    /// <summary>The UTC instant of <paramref name="time"/> on <paramref name="day"/> in New York, the tenant's zone.</summary>
    public static DateTimeOffset TenantTime(DateOnly day, TimeOnly time)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
