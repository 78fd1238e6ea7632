using System.Globalization;

namespace Headwater.Simulator.Ukg;

/// <summary>
/// UKG's date filters, with the operator inside the value: <c>dateTimeChanged=&gt;01-01-2020</c> (on or after),
/// <c>=&lt;01-01-2020</c> (before), <c>={01-01-2020,01-31-2020}</c> (between, inclusive) and a plain date (that day).
/// Dates are MM-DD-YYYY as documented, or ISO 8601 with or without time and offset, or YYYY/MM/DD; a value with an
/// offset is converted to tenant time, one without is tenant time already.
/// </summary>
internal readonly record struct DateFilter(DateTime? From, DateTime? Until, bool UntilInclusive)
{
    private static readonly string[] DateOnlyFormats = ["MM-dd-yyyy", "M-d-yyyy", "MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd", "yyyy/MM/dd"];

    public bool Matches(DateTime? value) =>
        value is { } v
        && (From is not { } from || v >= from)
        && (Until is not { } until || (UntilInclusive ? v <= until : v < until));

    public static DateFilter Parse(string name, string raw, TimeZoneInfo zone)
    {
        var text = raw.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            var parts = text[1..^1].Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                throw Invalid(name, raw);
            }
            var (start, _) = ParseMoment(name, parts[0], zone);
            var (end, endIsDate) = ParseMoment(name, parts[1], zone);
            return endIsDate ? new(start, end.AddDays(1), false) : new(start, end, true);
        }
        if (text.StartsWith('>'))
        {
            return new(ParseMoment(name, text[1..], zone).Value, null, false);
        }
        if (text.StartsWith('<'))
        {
            return new(null, ParseMoment(name, text[1..], zone).Value, false);
        }
        var (moment, isDate) = ParseMoment(name, text, zone);
        return isDate ? new(moment, moment.AddDays(1), false) : new(moment, moment, true);
    }

    /// <summary>A moment in tenant time, and whether it was given as a date alone.</summary>
    public static (DateTime Value, bool IsDate) ParseMoment(string name, string text, TimeZoneInfo zone)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, DateOnlyFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date, true);
        }
        var normalised = text.Replace('/', '-');
        if (DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset)
            && HasOffset(normalised))
        {
            return (TimeZoneInfo.ConvertTimeFromUtc(withOffset.UtcDateTime, zone), false);
        }
        if (DateTime.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (DateTime.SpecifyKind(local, DateTimeKind.Unspecified), false);
        }
        throw Invalid(name, text);
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        return t > 0 && (text.EndsWith('Z') || text.IndexOfAny(['+', '-'], t) > 0);
    }

    private static UkgBadRequestException Invalid(string name, string raw) =>
        new(name, $"The value '{raw}' is not valid for {name}. Use MM-DD-YYYY, optionally with =>, =< or {{from,to}}.");
}
