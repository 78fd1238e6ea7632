using Headwater.Syncing;

namespace Headwater.Cli;

/// <summary><c>apply</c> and <c>export</c> will talk to a running service when HEADWATER_URL is set; until they can,
/// they refuse rather than quietly change the local database instead of the service's.</summary>
internal static class ServiceMode
{
    public const string UrlVariable = "HEADWATER_URL";

    public static bool Refused(CliContext context)
    {
        if (context.Environment(UrlVariable) is not { Length: > 0 })
        {
            return false;
        }
        CommandFailure.Write(context, json: false, FailureCause.Configuration, $"{UrlVariable} is set, but this version of the " +
            "command talks only to the database in the data directory (HEADWATER_DATA_DIR / HEADWATER_POSTGRES). " +
            "Unset it to use that database.", []);
        return true;
    }
}
