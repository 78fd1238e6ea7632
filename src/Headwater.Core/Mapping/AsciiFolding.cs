using System.Globalization;
using System.Text;

namespace Headwater.Core.Mapping;

/// <summary>
/// Folds text to ASCII for account names: accents and other marks are removed (é→e, ü→u, Å→A), letters that are
/// not a base letter with a mark are spelled out (ß→ss, ø→o, ł→l, æ→ae, đ→d, ı→i, þ→th) and compatibility forms
/// are simplified (ﬁ→fi). Characters with no ASCII spelling, such as 张 or ж, are kept rather than dropped, so a
/// name never silently becomes empty.
/// </summary>
internal static class AsciiFolding
{
    public static string Fold(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        var keptNonAscii = false;
        foreach (var c in decomposed)
        {
            if (char.IsAscii(c))
            {
                folded.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                if (Spelling(c) is { } spelled)
                {
                    folded.Append(spelled);
                }
                else
                {
                    folded.Append(c);
                    keptNonAscii = true;
                }
            }
        }
        var result = folded.ToString();
        return keptNonAscii ? result.Normalize(NormalizationForm.FormC) : result;
    }

    private static string? Spelling(char c) => c switch
    {
        'ß' => "ss",
        'ẞ' => "SS",
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'đ' => "d",
        'Đ' => "D",
        'ð' => "d",
        'Ð' => "D",
        'þ' => "th",
        'Þ' => "Th",
        'ı' => "i",
        'ħ' => "h",
        'Ħ' => "H",
        'ŧ' => "t",
        'Ŧ' => "T",
        'ĸ' => "k",
        'ŋ' => "n",
        'Ŋ' => "N",
        _ => null,
    };
}
