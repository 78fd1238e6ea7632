using System.Globalization;
using System.Text.Json;
using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>
/// Writes UKG values with the tenant's conventions for empty values and date-times. Property names are passed as
/// UTF-8 literals so each endpoint's writer spells its JSON names exactly as UKG does, quirks included.
/// </summary>
internal sealed class UkgJson(Utf8JsonWriter writer, UkgApiSettings settings, Tenant tenant)
{
    public Utf8JsonWriter Writer => writer;
    public Tenant Tenant => tenant;

    public void String(ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
        else if (settings.EmptyAsEmptyString)
        {
            writer.WriteString(name, ""u8);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public void Date(ReadOnlySpan<byte> name, DateOnly? value) => DateTime(name, value?.ToDateTime(TimeOnly.MinValue));

    public void DateTime(ReadOnlySpan<byte> name, DateTime? local)
    {
        if (local is not { } value)
        {
            String(name, null);
            return;
        }
        Span<char> buffer = stackalloc char[40];
        var written = settings.DateStyle switch
        {
            DateStyle.Utc => Format(value - Offset(value), "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", buffer),
            DateStyle.Offset => FormatOffset(value, buffer),
            _ => Format(value, "yyyy-MM-dd'T'HH:mm:ss", buffer),
        };
        writer.WriteString(name, buffer[..written]);
    }

    public void Bool(ReadOnlySpan<byte> name, bool value) => writer.WriteBoolean(name, value);

    public void Number(ReadOnlySpan<byte> name, double value) => writer.WriteNumber(name, value);

    /// <summary>
    /// The tenant's UTC offset at a tenant-local time. Unlike TimeZoneInfo.ConvertTimeToUtc this does not throw for a
    /// time in the spring-forward gap (which generated and hand-written tenants can hold): it takes the standard
    /// offset there, as it does for an ambiguous time, so the Utc and Offset styles always name the same instant.
    /// </summary>
    private TimeSpan Offset(DateTime value) => tenant.TimeZone.GetUtcOffset(System.DateTime.SpecifyKind(value, DateTimeKind.Unspecified));

    private int FormatOffset(DateTime value, Span<char> buffer) =>
        new DateTimeOffset(value, Offset(value))
            .TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ? written : 0;

    private static int Format(DateTime value, string format, Span<char> buffer) =>
        value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture) ? written : 0;
}
