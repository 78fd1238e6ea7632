using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>
/// Text from UKG, destinations and files made safe to print: control characters and escape sequences removed (a
/// name holding <c>ESC[2J</c> would clear the screen), then escaped as Spectre markup. Also counts with the right
/// plural, and headings that do not fill a very wide, unwrapped output with rule characters.
/// </summary>
public static class ConsoleText
{
    /// <summary>The console width used when the output is not a terminal: wide enough that nothing is wrapped.</summary>
    public const int Unwrapped = 100_000;

    /// <summary>The text without control characters, escaped as markup. Spectre's <see cref="Markup.Escape"/> only
    /// escapes brackets.</summary>
    public static string Escape(string? text) => Markup.Escape(Printable(text ?? ""));

    /// <summary>The text with every C0 and C1 control character and DEL removed, and with them the rest of each
    /// escape sequence they start (CSI <c>ESC[…</c>, OSC <c>ESC]…BEL</c> and the like), so no parameters are left
    /// behind as stray text. Tabs become spaces; line breaks are kept (a table cell may hold several lines).</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\t')
            {
                result.Append(c == '\t' ? ' ' : c);
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

    /// <summary>"1 worker", "2 workers", "1,234 workers"; <paramref name="plural"/> when adding "s" is wrong.</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.CurrentCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>A heading line: a rule on a terminal, a short one when the output is unwrapped (a rule would be
    /// <see cref="Unwrapped"/> characters long).</summary>
    public static void Heading(IAnsiConsole console, string markup)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (console.Profile.Width >= Unwrapped)
        {
            console.MarkupLine($"── {markup} ──");
        }
        else
        {
            console.Write(new Rule(markup).LeftJustified());
        }
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
