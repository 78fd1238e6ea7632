using System.Globalization;
using System.Text.RegularExpressions;

namespace Headwater.Core.Scoping;

/// <summary>How a scope rule tests an attribute's value.</summary>
public enum ScopeTest
{
    /// <summary>The value is one of <see cref="ScopeRule.Values"/>, ignoring case.</summary>
    In,
    /// <summary>The value is none of <see cref="ScopeRule.Values"/>, ignoring case; an empty value passes.</summary>
    NotIn,
    /// <summary>The value is not empty.</summary>
    Present,
    /// <summary>The value is empty.</summary>
    Absent,
    /// <summary>The value is a date (yyyy-MM-dd) on or after the one given.</summary>
    OnOrAfter,
    /// <summary>The value is a date (yyyy-MM-dd) on or before the one given.</summary>
    OnOrBefore,
    /// <summary>The whole value matches the regular expression given, ignoring case.</summary>
    Matches,
}

/// <summary>
/// One condition a worker must meet to be in scope, over the attributes a mapping sees (<c>primary.companyCode</c>,
/// <c>primary.employeeType</c>, <c>lifecycle.state</c>, <c>email</c>, <c>ukg.…</c>). <see cref="Why"/> says in words
/// why a worker fails it.
/// </summary>
public sealed class ScopeRule
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly HashSet<string> _values;
    private readonly DateOnly _date;
    private readonly Regex? _pattern;

    private ScopeRule(string attribute, ScopeTest test, IReadOnlyList<string> values, DateOnly date, Regex? pattern)
    {
        Attribute = attribute;
        Test = test;
        Values = values;
        _values = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
        _date = date;
        _pattern = pattern;
    }

    public string Attribute { get; }
    public ScopeTest Test { get; }
    public IReadOnlyList<string> Values { get; }

    /// <summary>Checks and builds a rule; the problems are returned instead when it cannot be built.</summary>
    public static ScopeRule? Create(string attribute, ScopeTest test, IReadOnlyList<string>? values, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        values ??= [];
        if (string.IsNullOrWhiteSpace(attribute))
        {
            found.Add("a scope rule needs the attribute it tests");
        }
        var date = default(DateOnly);
        Regex? pattern = null;
        switch (test)
        {
            case ScopeTest.In or ScopeTest.NotIn when values.Count == 0:
                found.Add($"'{test}' needs at least one value");
                break;
            case ScopeTest.Present or ScopeTest.Absent when values.Count > 0:
                found.Add($"'{test}' takes no values");
                break;
            case ScopeTest.OnOrAfter or ScopeTest.OnOrBefore:
                if (values.Count != 1 || !DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                {
                    found.Add($"'{test}' needs one date written yyyy-MM-dd");
                }
                break;
            case ScopeTest.Matches:
                if (values.Count != 1)
                {
                    found.Add("'Matches' needs one regular expression");
                    break;
                }
                try
                {
                    pattern = new Regex($"^(?:{values[0]})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
                }
                catch (ArgumentException e)
                {
                    found.Add($"'{values[0]}' is not a valid regular expression: {e.Message}");
                }
                break;
        }
        problems = found;
        return found.Count > 0 ? null : new ScopeRule(attribute.Trim(), test, values, date, pattern);
    }

    /// <summary>Null when the worker meets the rule; else why not, in words.</summary>
    public string? Why(IReadOnlyDictionary<string, string?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var value = attributes.GetValueOrDefault(Attribute);
        var empty = string.IsNullOrWhiteSpace(value);
        var shown = empty ? "empty" : $"'{value}'";
        return Test switch
        {
            ScopeTest.In when empty || !_values.Contains(value!.Trim()) => $"{Attribute} is {shown}, not one of {List()}",
            ScopeTest.NotIn when !empty && _values.Contains(value!.Trim()) => $"{Attribute} is {shown}, which the scope excludes",
            ScopeTest.Present when empty => $"{Attribute} is empty",
            ScopeTest.Absent when !empty => $"{Attribute} is {shown}, and the scope takes only workers without one",
            ScopeTest.OnOrAfter or ScopeTest.OnOrBefore => DateWhy(value, empty, shown),
            ScopeTest.Matches when empty || !Matches(value!) => $"{Attribute} is {shown}, which does not match '{Values[0]}'",
            _ => null,
        };
    }

    private string? DateWhy(string? value, bool empty, string shown)
    {
        if (empty || !DateOnly.TryParseExact(value!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return $"{Attribute} is {shown}, not a date";
        }
        return Test == ScopeTest.OnOrAfter
            ? date < _date ? $"{Attribute} is {value}, before {_date:yyyy-MM-dd}" : null
            : date > _date ? $"{Attribute} is {value}, after {_date:yyyy-MM-dd}" : null;
    }

    private bool Matches(string value)
    {
        try
        {
            return _pattern!.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private string List() => string.Join(", ", Values.Select(v => $"'{v}'"));

    public override string ToString() => Test switch
    {
        ScopeTest.Present or ScopeTest.Absent => $"{Attribute} {Test}",
        _ => $"{Attribute} {Test} {List()}",
    };
}
