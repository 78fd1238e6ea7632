namespace Headwater.Core.Mapping;

/// <summary>
/// coalesce, default, switch, lookup, if, eq, empty and not. Conditions are text: "true" (any case) is true and
/// anything else, null included, is false; eq, empty and not answer "true" or "false". Only the arguments a
/// call needs are evaluated.
/// </summary>
internal static class ChoiceFunctions
{
    private const string True = "true";
    private const string False = "false";

    /// <summary>The first argument that is neither null nor blank, else null.</summary>
    public static string? Coalesce(Node[] arguments, ref Scope scope)
    {
        foreach (var argument in arguments)
        {
            if (argument.Evaluate(ref scope) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }
        return null;
    }

    public static string? If(Node[] arguments, ref Scope scope) =>
        IsTrue(arguments[0].Evaluate(ref scope)) ? arguments[1].Evaluate(ref scope) : arguments[2].Evaluate(ref scope);

    /// <summary>Case-insensitive; null equals "".</summary>
    public static string? Equal(Node[] arguments, ref Scope scope) =>
        Matches(arguments[0].Evaluate(ref scope), arguments[1].Evaluate(ref scope)) ? True : False;

    public static string? Empty(Node[] arguments, ref Scope scope) =>
        string.IsNullOrWhiteSpace(arguments[0].Evaluate(ref scope)) ? True : False;

    public static string? Not(Node[] arguments, ref Scope scope) => IsTrue(arguments[0].Evaluate(ref scope)) ? False : True;

    /// <summary>
    /// switch(x, key1, value1, key2, value2, …[, default]): the value after the first key equal to x (ignoring case,
    /// null equal to ""). After x, an odd number of arguments means the last is the default; no match and no
    /// default gives null.
    /// </summary>
    public static string? Switch(Node[] arguments, ref Scope scope)
    {
        var value = arguments[0].Evaluate(ref scope);
        var pairsEnd = arguments.Length - ((arguments.Length - 1) % 2);
        for (var i = 1; i < pairsEnd; i += 2)
        {
            if (Matches(value, arguments[i].Evaluate(ref scope)))
            {
                return arguments[i + 1].Evaluate(ref scope);
            }
        }
        return pairsEnd < arguments.Length ? arguments[^1].Evaluate(ref scope) : null;
    }

    /// <summary>
    /// lookup('table', x[, default]): x's entry in the named table (table names and keys ignore case), else the
    /// default, else null. A table the mapping does not supply is reported and treated as having no entries.
    /// </summary>
    public static string? Lookup(Node[] arguments, ref Scope scope)
    {
        var name = arguments[0].Evaluate(ref scope);
        if (name is null || !CaseInsensitive.TryGetValue(scope.Lookups, name, out var table))
        {
            scope.Report($"lookup: there is no lookup table named {TextFunctions.Quote(name)}");
        }
        else if (arguments[1].Evaluate(ref scope) is { } key && CaseInsensitive.TryGetValue(table, key, out var found))
        {
            return found;
        }
        return arguments.Length == 3 ? arguments[2].Evaluate(ref scope) : null;
    }

    private static bool IsTrue(string? value) => string.Equals(value, True, StringComparison.OrdinalIgnoreCase);

    private static bool Matches(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.OrdinalIgnoreCase);
}
