using System.Globalization;

namespace Headwater.Simulator.Ukg;

/// <summary>
/// UKG paging: <c>page</c> from 1 and <c>per_Page</c> or <c>per_page</c> (query names are case-insensitive).
/// No page size means the default, which is also the maximum; a larger size is clamped, not refused.
/// </summary>
internal readonly record struct Paging(int Page, int PerPage)
{
    public int Skip => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PerPage);

    public static Paging Parse(IQueryCollection query, int max)
    {
        var page = ParsePositive(query, "page") ?? 1;
        var perPage = ParsePositive(query, "per_page") ?? max;
        return new Paging(page, Math.Min(perPage, max));
    }

    private static int? ParsePositive(IQueryCollection query, string name)
    {
        var raw = query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 1 || value != Math.Floor(value))
        {
            throw new UkgBadRequestException(name, $"The value '{raw}' is not valid for {name}; it must be a whole number of at least 1.");
        }
        return (int)Math.Min(int.MaxValue, value);
    }
}

internal sealed class UkgBadRequestException(string property, string message) : Exception(message)
{
    public string Property { get; } = property;
}
