using System.Globalization;
using System.Text;
using Bogus;

namespace Headwater.Simulator.Generation;

/// <summary>
/// Pools of names, streets and cities drawn once from Bogus with a fixed seed, then sampled per employee: a million
/// employees cost a million array look-ups rather than a million Faker calls, and most strings are shared.
/// About one name in five comes from a non-English locale, so diacritics and other scripts' letters appear.
/// </summary>
internal sealed class NamePools
{
    private static readonly string[] InternationalLocales = ["de", "fr", "es", "sv", "pl", "vi", "tr", "nb_NO", "cz", "pt_BR"];

    private NamePools(string[] first, string[] last, string[] internationalFirst, string[] internationalLast, string[] streets, (string City, string State, string Zip)[] cities)
    {
        First = first;
        Last = last;
        InternationalFirst = internationalFirst;
        InternationalLast = internationalLast;
        Streets = streets;
        Cities = cities;
    }

    public string[] First { get; }
    public string[] Last { get; }
    public string[] InternationalFirst { get; }
    public string[] InternationalLast { get; }
    public string[] Streets { get; }
    public (string City, string State, string Zip)[] Cities { get; }

    public static NamePools Create(int seed)
    {
        var english = new Faker("en_US") { Random = new Randomizer(seed) };
        var first = Distinct(english, 400, f => f.Name.FirstName());
        var last = Distinct(english, 600, f => f.Name.LastName());
        var internationalFirst = new List<string>();
        var internationalLast = new List<string>();
        foreach (var (locale, i) in InternationalLocales.Select((l, i) => (l, i)))
        {
            var faker = new Faker(locale) { Random = new Randomizer(seed + i + 1) };
            internationalFirst.AddRange(Distinct(faker, 40, f => f.Name.FirstName()));
            internationalLast.AddRange(Distinct(faker, 40, f => f.Name.LastName()));
        }
        var streets = Distinct(english, 2000, f => f.Address.StreetAddress());
        var cities = Enumerable.Range(0, 300).Select(_ => (english.Address.City(), english.Address.StateAbbr(), english.Address.ZipCode("#####"))).ToArray();
        return new NamePools(first, last, [.. internationalFirst.Distinct()], [.. internationalLast.Distinct()], streets, cities);
    }

    /// <summary>Folds a name to the ASCII letters an email address would use: "Zoë O'Brien" gives "zoeobrien".</summary>
    public static string EmailPart(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is 'ß')
            {
                builder.Append("ss");
            }
            else if (c is 'ø' or 'Ø')
            {
                builder.Append('o');
            }
            else if (c is 'ł' or 'Ł')
            {
                builder.Append('l');
            }
            else if (c is 'đ' or 'Đ')
            {
                builder.Append('d');
            }
            else if (c is 'ı')
            {
                builder.Append('i');
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
        }
        return builder.Length == 0 ? "user" : builder.ToString();
    }

    private static string[] Distinct(Faker faker, int count, Func<Faker, string> next)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var attempts = 0; set.Count < count && attempts < count * 20; attempts++)
        {
            set.Add(next(faker));
        }
        return [.. set];
    }
}
