using System.DirectoryServices.Protocols;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination : IDestinationCheck
{
    /// <summary>The object classes Active Directory lets the bound account create under an entry.</summary>
    private const string CreatableClasses = "allowedChildClassesEffective";

    /// <summary>Binds as the configured account and reads the base entry, which is what every sync does first; in
    /// Active Directory, also whether the account may create user accounts there.</summary>
    public async Task<DestinationCheckResult> Check(CancellationToken cancellationToken = default)
    {
        try
        {
            var activeDirectory = _schema.Profile == LdapProfile.ActiveDirectory;
            if (await _connections.Read(Options.BaseDn, activeDirectory ? [CreatableClasses] : ["objectClass"], cancellationToken)
                is not { } baseEntry)
            {
                return DestinationCheckResult.Fail($"{Options.Url.Authority} accepted the bind, but there is no entry {Options.BaseDn}.",
                    "Create the base entry, or give the baseDn of the entries Headwater manages.");
            }
            if (activeDirectory && !LdapText.All(baseEntry, CreatableClasses).Contains("user", StringComparer.OrdinalIgnoreCase))
            {
                return DestinationCheckResult.Fail($"{Options.BindDn} may not create user accounts in {Options.BaseDn}.",
                    "Delegate control of that OU to the service account: \"Create, delete, and manage user accounts\" and "
                    + "\"Reset user passwords and force password change at next logon\".");
            }
            return DestinationCheckResult.Pass($"Bound to {Options.Url.Authority} as {Options.BindDn} and read {Options.BaseDn}"
                + (activeDirectory ? ", where it may create user accounts." : "."));
        }
        catch (DestinationException e)
        {
            return DestinationCheckResult.Fail(e, "Give the bind DN and password of an account the directory accepts.",
                "Check the URL and port, that this host can reach the directory, and its TLS settings (startTls, caFile).");
        }
        catch (DirectoryOperationException e)
        {
            return DestinationCheckResult.Fail($"{Options.Url.Authority} refused to read {Options.BaseDn}: {e.Message}",
                "Let the bind account read the base entry and the entries under it.");
        }
    }
}
