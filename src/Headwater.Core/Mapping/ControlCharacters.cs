namespace Headwater.Core.Mapping;

/// <summary>
/// Characters that have no place in a value sent to a destination: C0 and C1 control characters (an ESC in a name
/// can drive a terminal or a log viewer) are removed; bidirectional override and isolate characters (U+202A–U+202E,
/// U+2066–U+2069), which make text display in another order than it is stored ("Trojan source"), are reported.
/// </summary>
public static class ControlCharacters
{
    public const string BidiOverride = "bidi-override";

    /// <summary>The text without C0 and C1 control characters; the same instance when it has none.</summary>
    public static string Remove(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') < 0 && text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') < 0
            ? text
            : string.Concat(text.Where(c => !char.IsControl(c)));
    }

    /// <summary>The first bidirectional override or isolate character in the text, if any.</summary>
    public static char? FirstBidiOverride(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069')
            {
                return c;
            }
        }
        return null;
    }
}
