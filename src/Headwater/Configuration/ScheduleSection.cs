using System.Globalization;
using Headwater.Configuration.Model;
using Headwater.Core.Configuration;
using Headwater.Scheduling;

namespace Headwater.Configuration;

/// <summary>The <c>schedule:</c> section: when the service syncs an integration on its own, how often it reads all of
/// UKG, and how often "sync now" may be asked for.</summary>
internal static class ScheduleSection
{
    private static readonly string[] Keys = ["every", "cron", "timeZone", "fullRead", "syncNowLimit"];

    public static ScheduleConfig? Bind(ConfigSection file) => file.Child("schedule", Keys) is { } s
        ? new ScheduleConfig(s.Text("every"), s.Text("cron"), s.Text("timeZone"), s.Text("fullRead"), s.Text("syncNowLimit"))
        : null;

    public static ConfigMap? Write(ScheduleConfig? schedule) => schedule is null ? null : new ConfigMapBuilder()
        .Text("every", schedule.Every).Text("cron", schedule.Cron).Text("timeZone", schedule.TimeZone)
        .Text("fullRead", schedule.FullRead).Text("syncNowLimit", schedule.SyncNowLimit).Build(empty: true);

    /// <param name="file">The file's checks.</param>
    /// <param name="schedule">As written; null: the defaults.</param>
    /// <param name="tenantZone">The UKG tenant's zone, which a cron expression is read in unless the section names one.</param>
    public static IntegrationSchedule? Validate(ConfigCheck file, ScheduleConfig? schedule, string tenantZone)
    {
        if (schedule is null)
        {
            return IntegrationSchedule.Default;
        }
        var check = file.Child("schedule");
        var valid = true;
        TimeSpan? Duration(string key, string? value, TimeSpan min)
        {
            if (check.Text(key, value) is not { } text)
            {
                return null;
            }
            if (ParseDuration(text) is not { } duration || (duration < min && duration != TimeSpan.Zero) || (duration == TimeSpan.Zero && min > TimeSpan.Zero))
            {
                check.Problem(key, $"'{text}' is not a duration of at least {Describe(min)} (a number and a unit: 30m, 24h, 7d)");
                valid = false;
                return null;
            }
            return duration;
        }
        var every = Duration("every", schedule.Every, SyncSchedule.Shortest);
        var fullRead = Duration("fullRead", schedule.FullRead, TimeSpan.FromHours(1));
        var limit = Duration("syncNowLimit", schedule.SyncNowLimit, TimeSpan.Zero);
        SyncSchedule sync = every is { } interval ? new SyncSchedule.Every(interval) : SyncSchedule.Daily;
        var zoneName = check.Text("timeZone", schedule.TimeZone) ?? tenantZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
        {
            check.Problem("timeZone", $"'{zoneName}' is not a known time zone (use an IANA name such as America/Chicago)");
            valid = false;
        }
        if (check.Text("cron", schedule.Cron) is { } cron)
        {
            if (schedule.Every is not null)
            {
                check.Problem("cron", "give either every: or cron:, not both");
                valid = false;
            }
            else if (zone is not null)
            {
                try
                {
                    sync = new SyncSchedule.Cron(cron, zone);
                }
                catch (FormatException e)
                {
                    check.Problem("cron", $"'{cron}' is not a cron expression ({e.Message.TrimEnd('.')}); write seconds first, e.g. '0 0 6 ? * MON-FRI'");
                    valid = false;
                }
            }
        }
        return valid ? new IntegrationSchedule(sync, fullRead ?? IntegrationSchedule.Default.FullRead,
            limit ?? IntegrationSchedule.Default.SyncNowLimit) : null;
    }

    /// <summary><c>30m</c>, <c>24h</c>, <c>7d</c>, <c>90s</c>, or <c>0</c>.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        if (text == "0")
        {
            return TimeSpan.Zero;
        }
        if (text.Length < 2 || !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            return null;
        }
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(number),
            'm' => TimeSpan.FromMinutes(number),
            'h' => TimeSpan.FromHours(number),
            'd' => TimeSpan.FromDays(number),
            _ => null,
        };
    }

    private static string Describe(TimeSpan span) => span == TimeSpan.Zero ? "0" : span.TotalHours >= 1 ? $"{span.TotalHours:0}h" : $"{span.TotalMinutes:0}m";
}
