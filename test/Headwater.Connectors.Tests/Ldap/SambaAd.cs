using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Text;
using Headwater.Connectors.Ldap;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>The tests that share the Samba AD domain controller that eng/samba-ad.sh provisions; one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SambaAdCollectionDefinition : ICollectionFixture<SambaAd>
{
    public const string Name = "Samba AD";
}

/// <summary>Samba's Active Directory domain controller started by eng/samba-ad.sh, read from HEADWATER_TEST_AD; raw
/// access as the domain administrator, who is also the destination's account.</summary>
public sealed class SambaAd() : DirectoryPeer(Variable, "eng/samba-ad.sh", "bindDn", "password")
{
    public const string Variable = "HEADWATER_TEST_AD";

    private const string DelegateName = "headwater-delegate";
    private const string DelegatePassword = "Delegate-Test-Pass-1!";
    private const string UserClass = "bf967aba-0de6-11d0-a285-00aa003049e2";
    private const string ResetPasswordRight = "00299570-246d-11d0-a768-00aa006e0529";

    public LdapOptions Options(string baseDn) => ServiceOptions(baseDn, LdapProfile.ActiveDirectory);

    /// <summary>The destination's options for a delegated service account, as AD administrators set one up: it may
    /// create and delete user objects in <paramref name="ouDn"/> and read and write their attributes, and (with
    /// <paramref name="resetPassword"/>) reset their passwords. The account is made once; each call adds the rights.</summary>
    public LdapOptions Delegated(string ouDn, bool resetPassword)
    {
        var dn = $"CN={DelegateName},CN=Users,{BaseDn}";
        if (ByDn(dn) is null)
        {
            Add(dn, ("objectClass", ["user"]), ("sAMAccountName", [DelegateName]), ("userAccountControl", ["514"]));
            Send(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "unicodePwd",
                Encoding.Unicode.GetBytes($"\"{DelegatePassword}\"")));
            Send(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "userAccountControl", "512"));
        }
        var sid = Sid((byte[])ByDn(dn)!.Attributes["objectSid"].GetValues(typeof(byte[]))[0]);
        var rights = $"(OA;CI;CCDC;{UserClass};;{sid})(OA;CIIO;RPWP;;{UserClass};{sid})"
            + (resetPassword ? $"(OA;CIIO;CR;{ResetPasswordRight};{UserClass};{sid})" : "");
        SambaTool("dsacl", "set", $"--objectdn={ouDn}", $"--sddl={rights}");
        return Options(ouDn) with { BindDn = $"{DelegateName}@{Realm}", Password = DelegatePassword };
    }

    private string Realm => string.Join('.', BaseDn.Split(',').Select(p => p.Split('=', 2)[1])).ToLowerInvariant();

    /// <summary>Runs samba-tool on the domain controller's own database (eng/samba-ad.sh keeps it under the folder
    /// that holds the CA's folder), as an administrator does on a DC for what LDAP does not take as text (an ACL).</summary>
    private void SambaTool(params string[] arguments)
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(CaFile))!;
        var start = new ProcessStartInfo("samba-tool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Append("-H").Append(Path.Combine(root, "dc", "private", "sam.ldb")))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"samba-tool {string.Join(' ', arguments)} failed: {errors}{output.Result}");
    }

    /// <summary>A binary SID in its text form (S-1-5-21-…).</summary>
    private static string Sid(byte[] sid)
    {
        var authority = sid[2..8].Aggregate(0L, (value, b) => (value << 8) | b);
        var parts = Enumerable.Range(0, sid[1]).Select(i => BitConverter.ToUInt32(sid, 8 + (4 * i)).ToString(CultureInfo.InvariantCulture));
        return $"S-{sid[0]}-{authority}-{string.Join('-', parts)}";
    }

    protected override string IdFilter(string id) =>
        $"(objectGUID={string.Concat(Guid.Parse(id).ToByteArray().Select(b => $"\\{b:x2}"))})";

    public override string IdOf(System.DirectoryServices.Protocols.SearchResultEntry entry) =>
        new Guid((byte[])entry.Attributes["objectGUID"].GetValues(typeof(byte[]))[0]).ToString();

    public override bool IsActive(System.DirectoryServices.Protocols.SearchResultEntry entry) =>
        (int.Parse(First(entry, "userAccountControl")!, System.Globalization.CultureInfo.InvariantCulture) & 2) == 0;
}
