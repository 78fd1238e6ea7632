using System.DirectoryServices.Protocols;
using System.Text;

namespace Headwater.Connectors.Ldap;

/// <summary>Escaping for search filters (RFC 4515) and DNs (RFC 4514), and reading attribute values as text.</summary>
internal static class LdapText
{
    /// <summary>What the server said of a refused operation, else the client's message.</summary>
    public static string Refusal(DirectoryOperationException e) =>
        string.IsNullOrWhiteSpace(e.Response?.ErrorMessage) ? e.Message : e.Response.ErrorMessage.Trim();

    /// <summary>A filter that matches what any of <paramref name="terms"/> (each a filter) matches.</summary>
    public static string AnyOf(IReadOnlyList<string> terms) => terms.Count == 1 ? terms[0] : $"(|{string.Concat(terms)})";

    public static string Filter(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\5c",
                '*' => @"\2a",
                '(' => @"\28",
                ')' => @"\29",
                '\0' => @"\00",
                _ => c.ToString(),
            });
        }
        return text.ToString();
    }

    /// <summary>An RDN's value, escaped: the specials anywhere, and a leading '#' or space and a trailing space.</summary>
    public static string DnValue(string value)
    {
        var text = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=' || (i == 0 && c is '#' or ' ') || (i == value.Length - 1 && c == ' '))
            {
                text.Append('\\');
            }
            text.Append(c);
        }
        return text.ToString();
    }

    public static string Rdn(string attribute, string value) => $"{attribute}={DnValue(value)}";

    /// <summary>The DN's parent: everything after the first unescaped comma.</summary>
    public static string Parent(string dn)
    {
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\')
            {
                i++;
            }
            else if (dn[i] == ',')
            {
                return dn[(i + 1)..];
            }
        }
        return "";
    }

    /// <summary>Whether two DNs are the same, ignoring case and the spaces after commas.</summary>
    public static bool SameDn(string a, string b) => string.Equals(Normal(a), Normal(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>The DN without the spaces after commas, to compare or key by ignoring case.</summary>
    public static string Normal(string dn) => dn.Replace(", ", ",", StringComparison.Ordinal);

    /// <summary>The domain <paramref name="dn"/> lies in: its part from the first <c>dc=</c> on (the whole DN when it has
    /// none), as an Active Directory domain's naming context is.</summary>
    public static string Domain(string dn)
    {
        for (var current = dn; current.Length > 0; current = Parent(current))
        {
            if (current.TrimStart().StartsWith("dc=", StringComparison.OrdinalIgnoreCase))
            {
                return current;
            }
        }
        return dn;
    }

    /// <summary>Whether <paramref name="dn"/> is <paramref name="ancestor"/> or an entry below it.</summary>
    public static bool IsUnder(string dn, string ancestor)
    {
        for (var current = dn; current.Length > 0; current = Parent(current))
        {
            if (SameDn(current, ancestor))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The attribute's first value as text; null when absent or binary.</summary>
    public static string? First(SearchResultEntry entry, string attribute) =>
        entry.Attributes[attribute] is { Count: > 0 } values && values[0] is string text ? text : null;

    /// <summary>Every text value of the attribute.</summary>
    public static IEnumerable<string> All(SearchResultEntry entry, string attribute) =>
        entry.Attributes[attribute] is { } values ? values.GetValues(typeof(string)).Cast<string>() : [];
}
