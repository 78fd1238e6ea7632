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

    /// <summary>Where AD splits a display name into the parts a password may not contain.</summary>
    private static readonly char[] NameDelimiters = [',', '.', '-', '_', '#', ' ', '\t'];

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
    /// null when all went through, else why not. An account the directory would not give its password, or enable, is
    /// removed again: left, it would be a disabled account without a password that a later run adopts and enables.</summary>
    public static async Task<ChangeResult?> Create(LdapConnections connections, AddRequest add, PlannedChange change,
        CancellationToken cancellationToken)
    {
        var disabled = (NormalAccount | AccountDisable).ToString(CultureInfo.InvariantCulture);
        add.Attributes.Add(new DirectoryAttribute("userAccountControl", disabled));
        await Add(connections, add, cancellationToken);
        var enabling = false;
        try
        {
            var password = InitialPassword(Value(add, "sAMAccountName"), Value(add, "displayName"));
            await connections.Send(new ModifyRequest(add.DistinguishedName, DirectoryAttributeOperation.Replace, "unicodePwd",
                Encoding.Unicode.GetBytes($"\"{password}\"")), cancellationToken);
            if (change.Active)
            {
                enabling = true;
                await connections.Send(new ModifyRequest(add.DistinguishedName, DirectoryAttributeOperation.Replace, "userAccountControl",
                    NormalAccount.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            }
            return null;
        }
        catch (DirectoryOperationException e)
        {
            return await Removed(connections, add.DistinguishedName, enabling, e, cancellationToken);
        }
    }

    /// <summary>Sends the add. "Already exists" for a disabled entry at that DN with the same employeeID is this add,
    /// applied before the server dropped the connection and then sent again (<see cref="LdapConnections"/>): the
    /// password and enable steps go on with it, rather than leave it disabled without a password.</summary>
    private static async Task Add(LdapConnections connections, AddRequest add, CancellationToken cancellationToken)
    {
        var employeeId = Value(add, "employeeID");
        try
        {
            await connections.Send(add, cancellationToken);
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.EntryAlreadyExists && employeeId is not null)
        {
            var entry = await connections.Read(add.DistinguishedName, ["employeeID", "userAccountControl"], cancellationToken);
            if (entry is null || LdapText.First(entry, "employeeID") != employeeId
                || !IsDisabled(LdapText.First(entry, "userAccountControl")))
            {
                throw;
            }
        }
    }

    /// <summary>Deletes the new account the directory would not give its password or enable (<paramref name="enabling"/>).</summary>
    private static async Task<ChangeResult> Removed(LdapConnections connections, string dn, bool enabling, DirectoryOperationException e,
        CancellationToken cancellationToken)
    {
        var refused = enabling
            ? $"Active Directory refused to enable the new account ({Describe(e)})."
            : $"Active Directory refused the new account's password ({Describe(e)}).";
        var right = e.Response?.ResultCode != ResultCode.InsufficientAccessRights ? ""
            : enabling
                ? " The service account needs to write userAccountControl on user objects in the account's OU."
                : " The service account needs the Reset Password right on user objects in the account's OU (Delegate Control: "
                    + "\"Reset user passwords and force password change at next logon\").";
        try
        {
            await connections.Send(new DeleteRequest(dn), cancellationToken);
            return ChangeResult.Failed($"{refused}{right} The account was removed again; the next sync creates it.",
                retryable: e.Response?.ResultCode is ResultCode.Busy or ResultCode.Unavailable);
        }
        catch (DirectoryOperationException d)
        {
            return ChangeResult.Failed($"{refused}{right} Removing it failed too ({Describe(d)}), so the disabled account {dn} is left: "
                + "delete it, or give it a password before the next sync adopts and enables it.");
        }
    }

    private static string Describe(DirectoryOperationException e) => $"{e.Response?.ResultCode}: {LdapText.Refusal(e)}";

    private static string? Value(AddRequest add, string attribute) =>
        add.Attributes.Cast<DirectoryAttribute>().FirstOrDefault(a => a.Name.Equals(attribute, StringComparison.OrdinalIgnoreCase))
            is { Count: > 0 } found ? found[0] as string : null;

    /// <summary>24 random characters of all four classes AD's complexity rule counts, containing neither the account
    /// name nor any part of the display name of three characters or more (AD refuses those); nobody learns it:
    /// sign-in is set up by the identity team's own process (a reset, or single sign-on).</summary>
    internal static string InitialPassword(string? accountName, string? displayName)
    {
        var names = (displayName ?? "").Split(NameDelimiters, StringSplitOptions.RemoveEmptyEntries)
            .Append(accountName ?? "").Where(n => n.Length >= 3).ToList();
        while (true)
        {
            var password = RandomNumberGenerator.GetString(PasswordCharacters, 24);
            if (password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit)
                && password.Any(c => !char.IsLetterOrDigit(c))
                && !names.Exists(n => password.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                return password;
            }
        }
    }
}
