namespace Headwater.Notifications;

/// <summary>What to do about each kind of failure, in words an HR systems administrator can act on; the emails, the
/// integration's status and the API's hints say the same.</summary>
public static class FailureAdvice
{
    public const string UkgCredentials = "Headwater signs in to UKG Pro with a service account. Ask your UKG Pro system administrator " +
        "to check the account and reset its password in UKG Pro (System Configuration > Security > Service Account Administration); " +
        "check the customer API key (shown at the top of that page), then store the new values in the " +
        "integration (headwater apply, or the integration's page).";

    public const string UkgPermission = "The message above names the web service. In UKG Pro, open System Configuration > " +
        "Security > Service Account Administration, edit Headwater's service account and grant that web service (View is " +
        "enough); the next run picks it up. Nothing was changed in the destinations.";

    public const string DestinationCredentials = "The destination's token or password was refused. Create a new one in the " +
        "destination's admin pages and store it in the integration (headwater apply, or the integration's page).";

    public const string DestinationPermission = "Give Headwater's account in the destination the right to manage users " +
        "(and groups, if the integration keeps groups), then sync again.";

    public const string Unreachable = "Check the address in the integration, that the service's host can reach it (DNS, " +
        "firewall, proxy) and that the other side is up. Headwater retries on the next run; nothing is lost meanwhile.";

    public const string ReadFailed = "Nothing was changed in any destination, so no one lost access by mistake. The next run " +
        "reads again; if this repeats, check UKG Pro's status and the run's error.";

    public const string Configuration = "Apply a corrected configuration (headwater apply --dry-run shows every problem by path).";

    public const string SafetyLimit = "Read the planned changes (the run's page, or headwater runs show) and approve the run if " +
        "they are right; if not, fix the data or the scope in UKG Pro and sync again. Until then nothing is changed.";

    public const string DestinationUnusable = "The destination could not be used as a whole; see its message. The next run retries.";

    public const string RecordRefused = "The destination's own message is given for each person. Usually the data needs a fix " +
        "in UKG Pro (or the mapping a change); the next run retries them.";

    public const string InvalidValue = "Nothing was sent for these people. Each line names the field, the value and the " +
        "allowed values: correct the value in UKG Pro, or map it to an allowed value in the integration's mapping.";

    public const string SharedEmail = "An email address must belong to one person. Give each person their own address in " +
        "UKG Pro; until then the address is not used for them.";

    public const string AmbiguousMatch = "Several accounts in the destination (or one already linked to someone else) match " +
        "these people. Remove or merge the duplicate accounts in the destination; Headwater never guesses.";

    public const string UnknownStatus = "Headwater changes nothing for these people until their status is one it knows. Check " +
        "the status in UKG Pro, or tell the Headwater maintainers which status code this is.";
}
