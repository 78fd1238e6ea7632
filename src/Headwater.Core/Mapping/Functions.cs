using System.Collections.Frozen;

namespace Headwater.Core.Mapping;

/// <summary>Every function of the expression language, by name (case-insensitive).</summary>
internal static class Functions
{
    private static readonly Function[] All =
    [
        new("concat", 1, int.MaxValue, "concat(a, b, ...)", Concatenation.Join),
        new("trim", 1, 1, "trim(x)", TextFunctions.Trim),
        new("lower", 1, 1, "lower(x)", TextFunctions.Lower),
        new("upper", 1, 1, "upper(x)", TextFunctions.Upper),
        new("substring", 2, 3, "substring(x, start[, length])", TextFunctions.Substring)
        {
            Check = arguments => TextFunctions.CheckWholeNumbers("substring", arguments, 1),
        },
        new("left", 2, 2, "left(x, n)", TextFunctions.Left) { Check = arguments => TextFunctions.CheckWholeNumbers("left", arguments, 1) },
        new("right", 2, 2, "right(x, n)", TextFunctions.Right) { Check = arguments => TextFunctions.CheckWholeNumbers("right", arguments, 1) },
        new("replace", 3, 3, "replace(x, find, with)", TextFunctions.Replace),
        new("ascii", 1, 1, "ascii(x)", TextFunctions.Ascii),
        new("date", 2, 2, "date(x, format)", DateFunction.Format) { Check = DateFunction.CheckFormat },
        new("coalesce", 1, int.MaxValue, "coalesce(a, b, ...)", ChoiceFunctions.Coalesce),
        new("default", 2, 2, "default(x, fallback)", ChoiceFunctions.Coalesce),
        new("switch", 3, int.MaxValue, "switch(x, key1, value1, ...[, default])", ChoiceFunctions.Switch),
        new("lookup", 2, 3, "lookup('table', x[, default])", ChoiceFunctions.Lookup) { Pure = false },
        new("if", 3, 3, "if(condition, then, else)", ChoiceFunctions.If),
        new("eq", 2, 2, "eq(a, b)", ChoiceFunctions.Equal),
        new("empty", 1, 1, "empty(x)", ChoiceFunctions.Empty),
        new("not", 1, 1, "not(x)", ChoiceFunctions.Not),
    ];

    public static FrozenDictionary<string, Function> ByName { get; } =
        All.ToFrozenDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static string Names { get; } = string.Join(", ", All.Select(f => f.Name).Order(StringComparer.Ordinal));
}
