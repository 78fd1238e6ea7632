using Headwater.Syncing;

namespace Headwater.Notifications;

/// <summary>One person a failed or held-back change was for, with what the run recorded about it.</summary>
public sealed record AffectedPerson(string Destination, string WorkerId, string? EmployeeNumber, string? Name, string Code, string Reason,
    string? Error, bool Failed, bool SharesEmail);

/// <summary>One cause of an incident in words an HR systems administrator can act on: what happened, what to do, where
/// (UKG Pro or a destination), and the messages or people it concerns.</summary>
public sealed record IncidentCause(string Title, string Fix, string? Where, IReadOnlyList<string> Messages, IReadOnlyList<AffectedPerson> People);

/// <summary>An incident a run shows, with its causes and its keys: what it is about (each cause; for people, each person's
/// change), so that a run showing nothing new adds nothing to an open incident.</summary>
public sealed record Incident(IncidentKind Kind, IReadOnlyList<IncidentCause> Causes, IReadOnlySet<string> Keys);

/// <summary>
/// Reads a finished run for what its contacts need to know: the connection broken, the run failed, a safety limit
/// waiting for approval, or people who were not synced, each grouped by cause with its fix. Pure: the caller looks up
/// the people.
/// </summary>
public static class RunReview
{
    /// <summary>Skip codes that mean a person's data needs fixing before they can be synced.</summary>
    public static readonly IReadOnlySet<string> AttentionCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "invalid_value", "duplicate_user_name", "ambiguous_match", "account_owned_by_other", "unknown_status",
    };

    /// <param name="result">What the run came to.</param>
    /// <param name="people">Its failed changes and the skips with an <see cref="AttentionCodes">attention code</see>.</param>
    public static IReadOnlyList<Incident> Incidents(SyncResult result, IReadOnlyList<AffectedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(people);
        var whole = result.Failures.Where(f => f.WorkerId is null).ToList();
        var incidents = new List<Incident>();
        void Add(IncidentKind kind, IEnumerable<SyncFailure> failures)
        {
            var causes = failures.GroupBy(f => (f.Cause, f.Destination))
                .Select(g => Cause(g.Key.Cause, g.Key.Destination, [.. g.Select(f => f.Message).Distinct()])).ToList();
            if (causes.Count > 0)
            {
                incidents.Add(new Incident(kind, causes, causes.Select(c => $"{c.Where}|{c.Title}").ToHashSet(StringComparer.Ordinal)));
            }
        }
        Add(IncidentKind.ConnectionBroken, whole.Where(f => IsConnection(f.Cause)));
        Add(IncidentKind.RunFailed, whole.Where(f => f.Cause is FailureCause.SourceReadFailed or FailureCause.Configuration
            || f.Cause == FailureCause.DestinationRefused && !result.Destinations.Any(d => d.Run.Destination == f.Destination)));
        Add(IncidentKind.ApprovalNeeded, whole.Where(f => f.Cause == FailureCause.SafetyLimit));
        var changes = PeopleCauses(people);
        if (changes.Count > 0)
        {
            incidents.Add(new Incident(IncidentKind.ChangesFailed, changes,
                people.Select(p => $"{p.Destination}|{p.WorkerId}|{p.Code}|{p.Failed}").ToHashSet(StringComparer.Ordinal)));
        }
        return incidents;
    }

    public static bool IsConnection(FailureCause cause) => cause is FailureCause.Credentials or FailureCause.Permission or FailureCause.Unreachable;

    private static IncidentCause Cause(FailureCause cause, string? destination, IReadOnlyList<string> messages)
    {
        var where = destination ?? "UKG Pro";
        var (title, fix) = cause switch
        {
            FailureCause.Credentials when destination is null => ("UKG Pro rejected the password, user name or customer API key",
                FailureAdvice.UkgCredentials),
            FailureCause.Credentials => ($"{destination} rejected Headwater's credentials", FailureAdvice.DestinationCredentials),
            FailureCause.Permission when destination is null => ("A web-service permission is missing in UKG Pro", FailureAdvice.UkgPermission),
            FailureCause.Permission => ($"{destination} refused an operation Headwater needs", FailureAdvice.DestinationPermission),
            FailureCause.Unreachable => ($"{where} did not answer", FailureAdvice.Unreachable),
            FailureCause.SourceReadFailed => ("UKG Pro's data could not be read completely, so nothing was changed", FailureAdvice.ReadFailed),
            FailureCause.Configuration => ("The integration's configuration cannot be used as stored", FailureAdvice.Configuration),
            FailureCause.SafetyLimit => ($"A safety limit stopped the changes to {where} before any was made", FailureAdvice.SafetyLimit),
            _ => ($"{where} could not be used", FailureAdvice.DestinationUnusable),
        };
        return new IncidentCause(title, fix, where, messages, []);
    }

    private static List<IncidentCause> PeopleCauses(IReadOnlyList<AffectedPerson> people)
    {
        var causes = new List<IncidentCause>();
        void Add(string title, string fix, IEnumerable<AffectedPerson> who)
        {
            var list = who.ToList();
            if (list.Count > 0)
            {
                causes.Add(new IncidentCause(title, fix, null, [], list));
            }
        }
        var refused = people.Where(p => p.Failed).ToList();
        foreach (var destination in refused.GroupBy(p => p.Destination))
        {
            Add($"{destination.Key} refused the records of {People(destination.Count())}", FailureAdvice.RecordRefused, destination);
        }
        var held = people.Where(p => !p.Failed).ToList();
        Add("A value is not one of a field's allowed values, or could not be worked out", FailureAdvice.InvalidValue,
            held.Where(p => p.Code == "invalid_value"));
        Add("Two people share one email address or user name", FailureAdvice.SharedEmail,
            held.Where(p => p.Code == "duplicate_user_name" || p.SharesEmail && p.Code != "invalid_value"));
        Add("An account in the destination could not be matched to one person", FailureAdvice.AmbiguousMatch,
            held.Where(p => p.Code is "ambiguous_match" or "account_owned_by_other"));
        Add("UKG Pro gave an employment status Headwater does not know", FailureAdvice.UnknownStatus, held.Where(p => p.Code == "unknown_status"));
        return causes;
    }

    public static string People(int count) => count == 1 ? "1 person" : $"{count:N0} people";
}
