using System.Globalization;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// UKG writes date-times without an offset, in tenant time (<c>2020-01-15T00:00:00</c>), but some tenants and
/// versions add <c>Z</c> or an offset, or send "" for none. Both are read; a value with an offset is moved into
/// the tenant's time zone before its date is taken.
/// </summary>
public static class UkgDates
{
    public static DateTime? ParseLocal(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return TimeZoneInfo.ConvertTimeFromUtc(withOffset.UtcDateTime, zone);
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || DateTime.TryParseExact(text, ["MM-dd-yyyy", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        }
        throw new FormatException($"'{text}' is not a date UKG writes.");
    }

    public static DateOnly? ParseDate(string? text, TimeZoneInfo zone) =>
        ParseLocal(text, zone) is { } value ? DateOnly.FromDateTime(value) : null;

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        return t > 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.IndexOfAny(['+', '-'], t) > 0);
    }
}
