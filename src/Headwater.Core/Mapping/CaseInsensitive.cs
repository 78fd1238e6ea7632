using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Headwater.Core.Mapping;

/// <summary>
/// Finds a key ignoring case in any dictionary: directly when the dictionary already ignores case (the mapper
/// builds its lookup tables that way), otherwise by a scan after an exact miss.
/// </summary>
internal static class CaseInsensitive
{
    public static bool TryGetValue<TValue>(IReadOnlyDictionary<string, TValue> dictionary, string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (dictionary.TryGetValue(key, out value))
        {
            return true;
        }
        if (!IgnoresCase(dictionary))
        {
            foreach (var (candidate, candidateValue) in dictionary)
            {
                if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidateValue;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    private static bool IgnoresCase<TValue>(IReadOnlyDictionary<string, TValue> dictionary) => dictionary switch
    {
        FrozenDictionary<string, TValue> frozen => StringComparer.OrdinalIgnoreCase.Equals(frozen.Comparer),
        Dictionary<string, TValue> plain => StringComparer.OrdinalIgnoreCase.Equals(plain.Comparer),
        _ => false,
    };
}
