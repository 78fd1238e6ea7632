using System.DirectoryServices.Protocols;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Ldap;

public sealed partial class LdapDestination : IDestinationCheck
{
    /// <summary>Binds as the configured account and reads the base entry, which is what every sync does first.</summary>
    public async Task<DestinationCheckResult> Check(CancellationToken cancellationToken = default)
    {
        try
        {
            if (await _connections.Read(Options.BaseDn, ["objectClass"], cancellationToken) is null)
            {
                return DestinationCheckResult.Fail($"{Options.Url.Authority} accepted the bind, but there is no entry {Options.BaseDn}.",
                    "Create the base entry, or give the baseDn of the entries Headwater manages.");
            }
            return DestinationCheckResult.Pass($"Bound to {Options.Url.Authority} as {Options.BindDn} and read {Options.BaseDn}.");
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
