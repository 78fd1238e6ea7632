using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// What Active Directory asks of a user account beyond plain LDAP: it is created disabled (AD takes no password on
/// creation), given a random initial password through <c>unicodePwd</c> over the encrypted connection, then enabled
/// through <c>userAccountControl</c>; <c>sAMAccountName</c> has at most 20 characters and none of <c>"/\[]:;|=,+*?&lt;&gt;</c>;
/// <c>accountExpires</c> is a FILETIME, written from a date as the end of that day (UTC).
/// </summary>
internal static class ActiveDirectoryAccount
{
    private const int NormalAccount = 0x200;
    private const int AccountDisable = 0x2;
    private const string PasswordCharacters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-.:=?@_";

    /// <summary>The names AD keeps unique across the whole domain, not only among an entry's siblings.</summary>
    public static IReadOnlySet<string> DomainUnique { get; } =
        new HashSet<string>(["sAMAccountName", "userPrincipalName"], StringComparer.OrdinalIgnoreCase);

    public static ValueRule? Rule(string attribute) => attribute.ToUpperInvariant() switch
    {
        "SAMACCOUNTNAME" => new ValueRule(20, "\"/\\[]:;|=,+*?<> @"),
        "USERPRINCIPALNAME" => new ValueRule(1024, "\"/\\[]:;|=,+*?<> "),
        "CN" => new ValueRule(64, ""),
        _ => null,
    };

    public static bool IsDisabled(string? userAccountControl) =>
        int.TryParse(userAccountControl, CultureInfo.InvariantCulture, out var flags) && (flags & AccountDisable) != 0;

    /// <summary>userAccountControl with ACCOUNTDISABLE cleared or set, the other flags kept.</summary>
    public static string Control(string? userAccountControl, bool enable)
    {
        var flags = int.TryParse(userAccountControl, CultureInfo.InvariantCulture, out var f) ? f : NormalAccount;
        return (enable ? flags & ~AccountDisable : flags | AccountDisable).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>accountExpires from a date (yyyy-MM-dd): the end of that day; empty means never (0).</summary>
    public static string? Written(string attribute, string? value)
    {
        if (!attribute.Equals("accountExpires", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            return "0";
        }
        return DateOnly.TryParse(value, CultureInfo.InvariantCulture, out var day)
            ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToFileTime().ToString(CultureInfo.InvariantCulture)
            : value;
    }

    /// <summary>Adds the account disabled, sets its password, and enables it when the change wants it active;
    /// null when all went through, else why not.</summary>
    public static async Task<ChangeResult?> Create(LdapConnections connections, AddRequest add, PlannedChange change, CancellationToken cancellationToken)
    {
        var disabled = (NormalAccount | AccountDisable).ToString(CultureInfo.InvariantCulture);
        add.Attributes.Add(new DirectoryAttribute("userAccountControl", disabled));
        await connections.Send(add, cancellationToken);
        var password = new ModifyRequest(add.DistinguishedName, DirectoryAttributeOperation.Replace, "unicodePwd",
            Encoding.Unicode.GetBytes($"\"{RandomPassword()}\""));
        await connections.Send(password, cancellationToken);
        if (change.Active)
        {
            await connections.Send(new ModifyRequest(add.DistinguishedName, DirectoryAttributeOperation.Replace, "userAccountControl",
                NormalAccount.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        }
        return null;
    }

    /// <summary>24 characters with every class AD's complexity rule counts; nobody learns it (sign-in is set up by
    /// the identity team's own process, e.g. a reset or single sign-on).</summary>
    private static string RandomPassword() =>
        "Aa1!" + RandomNumberGenerator.GetString(PasswordCharacters, 20);
}
