using System.Globalization;
using Headwater.Core.Mapping;
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

    /// <summary>The text without control characters and the escape sequences they start (see
    /// <see cref="ControlCharacters.Remove"/>); line breaks are kept (a table cell may hold several lines).</summary>
    public static string Printable(string text) => ControlCharacters.Remove(text, keepLineBreaks: true);

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
}
