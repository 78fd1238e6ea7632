namespace Headwater.Core.Mapping;

/// <summary>
/// Characters that have no place in a value sent to a destination: C0 and C1 control characters (an ESC in a name
/// can drive a terminal or a log viewer) are removed; bidirectional override and isolate characters (U+202A–U+202E,
/// U+2066–U+2069), which make text display in another order than it is stored ("Trojan source"), are reported.
/// </summary>
public static class ControlCharacters
{
    public const string BidiOverride = "bidi-override";

    /// <summary>The text with every C0 and C1 control character and DEL removed, and with them the rest of each escape
    /// sequence they start (CSI <c>ESC[…</c>, OSC <c>ESC]…BEL</c> and the like), so no parameters are left behind as
    /// stray text. Tabs become spaces; line breaks go too unless <paramref name="keepLineBreaks"/>. The same instance
    /// when there is nothing to remove.</summary>
    public static string Remove(string text, bool keepLineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\t' || (c == '\n' && !keepLineBreaks))
            {
                result.Append(' ');
            }
            else if (c == '\n')
            {
                result.Append(c);
            }
            else if (c is '\u001b' or '\u009b' or '\u009d' or '\u0090' or '\u009e' or '\u009f')
            {
                i = EndOfSequence(text, i);
            }
            else if (!char.IsControl(c))
            {
                result.Append(c);
            }
        }
        return result.ToString();
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

    /// <summary>The index of the last character of the escape sequence that starts at <paramref name="start"/>.</summary>
    private static int EndOfSequence(string text, int start)
    {
        var i = start;
        var introducer = text[i];
        if (introducer == '\u001b')
        {
            if (i + 1 >= text.Length)
            {
                return i;
            }
            introducer = text[++i] switch
            {
                '[' => '\u009b',
                ']' => '\u009d',
                'P' => '\u0090',
                '^' => '\u009e',
                '_' => '\u009f',
                _ => '\0',
            };
            if (introducer == '\0')
            {
                // A two-character sequence (ESC c, ESC 7, ESC =): any intermediate bytes, then one final character.
                while (i < text.Length - 1 && text[i] is >= ' ' and <= '/')
                {
                    i++;
                }
                return i;
            }
        }
        if (introducer == '\u009b')
        {
            // CSI: parameter and intermediate bytes, then one final byte in @–~.
            while (++i < text.Length && text[i] is < '@' or > '~')
            {
                if (text[i] is not (>= ' ' and <= '?'))
                {
                    return i - 1;
                }
            }
            return Math.Min(i, text.Length - 1);
        }
        // OSC, DCS, PM, APC: a string up to BEL, ESC \ or ST.
        while (++i < text.Length)
        {
            if (text[i] is '\u0007' or '\u009c')
            {
                return i;
            }
            if (text[i] == '\u001b')
            {
                return i + 1 < text.Length && text[i + 1] == '\\' ? i + 1 : i - 1;
            }
        }
        return text.Length - 1;
    }
}
