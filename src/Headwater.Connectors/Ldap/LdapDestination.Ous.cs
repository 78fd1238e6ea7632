using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Text;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination
{
    /// <summary>The OUs known to exist in this run (found or made), so each is looked for once.</summary>
    private readonly ConcurrentDictionary<string, bool> _ous = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Makes sure an entry can go under <paramref name="parent"/>: it must be <see cref="LdapOptions.BaseDn"/> or
    /// below it, where accounts are looked for, and what is missing of it is created, from the highest down, as
    /// organizationalUnit entries (an <c>ou=</c> RDN each). Null when the entry can go there, else why not.
    /// </summary>
    private async Task<string?> EnsureOu(string parent, CancellationToken cancellationToken)
    {
        if (!LdapText.IsUnder(parent, Options.BaseDn))
        {
            return $"The OU {parent} is not under baseDn ({Options.BaseDn}); Headwater puts and creates entries only there.";
        }
        var missing = new List<string>();
        for (var dn = parent; !IsKnownOu(dn); dn = LdapText.Parent(dn))
        {
            if (await _connections.Read(dn, ["1.1"], cancellationToken) is not null)
            {
                break;
            }
            missing.Add(dn);
        }
        foreach (var dn in Enumerable.Reverse(missing))
        {
            var rdn = dn[..(dn.Length - LdapText.Parent(dn).Length - 1)];
            var equals = rdn.IndexOf('=', StringComparison.Ordinal);
            if (!rdn[..equals].Trim().Equals("ou", StringComparison.OrdinalIgnoreCase) || HasUnescapedPlus(rdn))
            {
                return $"{dn} does not exist, and Headwater creates only organizational units (ou=…) under baseDn.";
            }
            try
            {
                await _connections.Send(new AddRequest(dn, new DirectoryAttribute("objectClass", "organizationalUnit"),
                    new DirectoryAttribute("ou", Unescaped(rdn[(equals + 1)..]))), cancellationToken);
            }
            catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.EntryAlreadyExists)
            {
                // Another person of this run going to the same new OU made it first.
            }
        }
        _ous[LdapText.Normal(parent)] = true;
        return null;
    }

    private bool IsKnownOu(string dn) => LdapText.SameDn(dn, Options.BaseDn) || _ous.ContainsKey(LdapText.Normal(dn));

    private static bool HasUnescapedPlus(string rdn)
    {
        for (var i = 0; i < rdn.Length; i++)
        {
            if (rdn[i] == '\\')
            {
                i++;
            }
            else if (rdn[i] == '+')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An RDN's value as the attribute holds it: escapes (RFC 4514's <c>\,</c> and <c>\2C</c>, UTF-8 bytes) undone.</summary>
    private static string Unescaped(string value)
    {
        var text = new StringBuilder(value.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(byte.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }
            text.Append(Encoding.UTF8.GetString([.. bytes]));
            bytes.Clear();
            text.Append(value[i] == '\\' && i + 1 < value.Length ? value[++i] : value[i]);
        }
        return text.Append(Encoding.UTF8.GetString([.. bytes])).ToString().TrimStart();
    }
}
