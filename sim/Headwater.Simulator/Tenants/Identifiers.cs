namespace Headwater.Simulator.Tenants;

/// <summary>UKG-shaped identifiers: 12-character employee IDs, 5-character company IDs, zero-padded employee numbers.</summary>
public static class Identifiers
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const long Space = 4_738_381_338_321_616_896; // 36^12
    private const long Multiplier = 1_913_360_915_577_723_235; // coprime with 36, so the mapping is a bijection modulo 36^12

    /// <summary>A unique, random-looking 12-character ID for each ordinal (a bijection, so no collisions).</summary>
    public static string EmployeeId(long ordinal, string salt)
    {
        var value = (long)((((UInt128)(ulong)(ordinal + 1) * Multiplier) + (ulong)Salt(salt) + (ulong)Space / 7) % (ulong)Space);
        Span<char> chars = stackalloc char[12];
        for (var i = 11; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value % 36)];
            value /= 36;
        }
        return new string(chars);
    }

    public static string EmployeeNumber(long number) => number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string CompanyId(Random random) => RandomCode(random, 5);

    public static string RandomCode(Random random, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[random.Next(i == 0 ? 10 : 0, 36)];
        }
        return new string(chars);
    }

    private static long Salt(string salt)
    {
        long hash = 17;
        foreach (var c in salt)
        {
            hash = unchecked(hash * 31 + c);
        }
        return hash & 0xFFFF;
    }
}
