using System.Globalization;

namespace Headwater.Core.Mapping;

/// <summary>
/// date(x, format): x read as an ISO date or date-time (2026-11-23, 2026-11-23T08:30, 2026-11-23T08:30:00.123,
/// optionally with Z or an offset) and written with a .NET custom format in the invariant culture. The clock
/// time and offset are kept as given: no time zone is applied. An x that is not such a date gives null.
/// </summary>
internal static class DateFunction
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private static readonly DateTimeOffset Sample = new(2026, 11, 23, 8, 30, 0, TimeSpan.Zero);

    public static string? Format(Node[] arguments, ref Scope scope)
    {
        var text = arguments[0].Evaluate(ref scope);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!TryParse(text, out var date))
        {
            scope.Report($"date: '{text}' is not an ISO date such as 2026-11-23 or 2026-11-23T08:30:00");
            return null;
        }
        var format = arguments[1].Evaluate(ref scope);
        if (FormatProblem(format) is { } problem)
        {
            scope.Report("date: " + problem);
            return null;
        }
        return date.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string? CheckFormat(Node[] arguments) =>
        arguments[1] is Literal literal ? FormatProblem(literal.Value) : null;

    public static bool TryParse(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    private static string? FormatProblem(string? format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return "the format is empty";
        }
        try
        {
            _ = Sample.ToString(format, CultureInfo.InvariantCulture);
            return null;
        }
        catch (FormatException)
        {
            return $"'{format}' is not a valid date format";
        }
    }
}
