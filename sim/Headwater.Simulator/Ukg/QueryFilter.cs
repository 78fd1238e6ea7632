namespace Headwater.Simulator.Ukg;

/// <summary>The filterable query parameters of one endpoint: codes compared by equality, dates by <see cref="DateFilter"/>.</summary>
internal sealed class FilterFields<T>
{
    public Dictionary<string, Func<T, string?>> Codes { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, Func<T, DateTime?>> Dates { get; } = new(StringComparer.OrdinalIgnoreCase);

    public FilterFields<T> Code(string name, Func<T, string?> value)
    {
        Codes[name] = value;
        return this;
    }

    public FilterFields<T> Date(string name, Func<T, DateTime?> value)
    {
        Dates[name] = value;
        return this;
    }
}

/// <summary>
/// The filters one request asked for. Code filters are case-insensitive equality; a value may list alternatives as
/// <c>[A,B]</c> or <c>A,B</c>, and may end in <c>*</c> for a prefix. Unknown parameters are ignored, as UKG does.
/// </summary>
internal sealed class QueryFilter<T>
{
    private readonly List<Func<T, bool>> _tests = [];

    public bool IsEmpty => _tests.Count == 0;

    public bool Matches(T item)
    {
        foreach (var test in _tests)
        {
            if (!test(item))
            {
                return false;
            }
        }
        return true;
    }

    public QueryFilter<T> And(Func<T, bool> test)
    {
        _tests.Add(test);
        return this;
    }

    public static QueryFilter<T> Parse(IQueryCollection query, FilterFields<T> fields, TimeZoneInfo zone)
    {
        var filter = new QueryFilter<T>();
        foreach (var (name, values) in query)
        {
            var raw = values.ToString();
            if (raw.Length == 0)
            {
                continue;
            }
            if (fields.Codes.TryGetValue(name, out var code))
            {
                var accepted = Alternatives(raw);
                filter._tests.Add(item => accepted.Any(a => CodeMatches(code(item), a)));
            }
            else if (fields.Dates.TryGetValue(name, out var date))
            {
                var dateFilter = DateFilter.Parse(name, raw, zone);
                filter._tests.Add(item => dateFilter.Matches(date(item)));
            }
        }
        return filter;
    }

    private static string[] Alternatives(string raw)
    {
        var text = raw.Trim();
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1];
        }
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool CodeMatches(string? value, string wanted)
    {
        if (value is null)
        {
            return false;
        }
        if (wanted.EndsWith('*'))
        {
            return value.StartsWith(wanted[..^1], StringComparison.OrdinalIgnoreCase);
        }
        var flag = value is "true" or "false";
        return string.Equals(value.Trim(), flag ? Normalise(wanted) : wanted, StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalise(string wanted) => wanted.ToUpperInvariant() switch
    {
        "Y" or "YES" => "true",
        "N" or "NO" => "false",
        _ => wanted,
    };
}
