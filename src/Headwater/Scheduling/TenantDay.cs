namespace Headwater.Scheduling;

/// <summary>Days in the tenant's time zone as instants: when one begins, whatever daylight saving does to its midnight.</summary>
public static class TenantDay
{
    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>. Where the clocks skip midnight
    /// (daylight saving starting at 00:00, as in Havana), the day begins at the first wall-clock time that exists; where
    /// midnight happens twice, at the first of them.</summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The tenant's date at <paramref name="instant"/>.</summary>
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
