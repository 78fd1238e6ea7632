using System.Globalization;

namespace Headwater.Core.Mapping;

/// <summary>
/// trim, lower, upper, substring, left, right, replace and ascii. Each returns null for a null input. Positions and
/// lengths count UTF-16 characters, start at 0 and are clamped to the text, so they never fail.
/// </summary>
internal static class TextFunctions
{
    public static string? Trim(Node[] arguments, ref Scope scope) => arguments[0].Evaluate(ref scope)?.Trim();

    public static string? Lower(Node[] arguments, ref Scope scope) => arguments[0].Evaluate(ref scope)?.ToLowerInvariant();

    public static string? Upper(Node[] arguments, ref Scope scope) => arguments[0].Evaluate(ref scope)?.ToUpperInvariant();

    public static string? Ascii(Node[] arguments, ref Scope scope) =>
        arguments[0].Evaluate(ref scope) is { } text ? AsciiFolding.Fold(text) : null;

    public static string? Substring(Node[] arguments, ref Scope scope)
    {
        if (arguments[0].Evaluate(ref scope) is not { } text
            || !TryWholeNumber("substring", "start", arguments[1], ref scope, out var start))
        {
            return null;
        }
        var length = text.Length;
        if (arguments.Length == 3 && !TryWholeNumber("substring", "length", arguments[2], ref scope, out length))
        {
            return null;
        }
        start = Math.Clamp(start, 0, text.Length);
        return text.Substring(start, Math.Clamp(length, 0, text.Length - start));
    }

    public static string? Left(Node[] arguments, ref Scope scope)
    {
        if (arguments[0].Evaluate(ref scope) is not { } text || !TryWholeNumber("left", "count", arguments[1], ref scope, out var count))
        {
            return null;
        }
        return text[..Math.Clamp(count, 0, text.Length)];
    }

    public static string? Right(Node[] arguments, ref Scope scope)
    {
        if (arguments[0].Evaluate(ref scope) is not { } text || !TryWholeNumber("right", "count", arguments[1], ref scope, out var count))
        {
            return null;
        }
        return text[^Math.Clamp(count, 0, text.Length)..];
    }

    /// <summary>Replaces every occurrence of <c>find</c>, matching case exactly; a null <c>with</c> removes it.</summary>
    public static string? Replace(Node[] arguments, ref Scope scope)
    {
        if (arguments[0].Evaluate(ref scope) is not { } text)
        {
            return null;
        }
        var find = arguments[1].Evaluate(ref scope);
        return string.IsNullOrEmpty(find) ? text : text.Replace(find, arguments[2].Evaluate(ref scope) ?? "", StringComparison.Ordinal);
    }

    /// <summary>The parse-time check: literal arguments from <paramref name="first"/> on must be whole numbers.</summary>
    public static string? CheckWholeNumbers(string function, Node[] arguments, int first)
    {
        for (var i = first; i < arguments.Length; i++)
        {
            if (arguments[i] is Literal literal && !IsWholeNumber(literal.Value, out _))
            {
                return $"{function} needs a whole number as argument {i + 1}, not {Quote(literal.Value)}";
            }
        }
        return null;
    }

    private static bool TryWholeNumber(string function, string name, Node argument, ref Scope scope, out int value)
    {
        var text = argument.Evaluate(ref scope);
        if (IsWholeNumber(text, out value))
        {
            return true;
        }
        scope.Report($"{function}: the {name} {Quote(text)} is not a whole number");
        return false;
    }

    private static bool IsWholeNumber(string? text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out value);

    internal static string Quote(string? value) => value is null ? "null" : $"'{value}'";
}
