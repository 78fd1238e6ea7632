using MimeKit;

namespace Headwater.Notifications;

/// <summary>What an integration's technical contacts are emailed about. Each is an incident: one email when it begins,
/// a reminder while it lasts, and for a broken connection or failing runs one when it is over.</summary>
public enum IncidentKind
{
    /// <summary>UKG Pro or a destination refused the credentials, a permission is missing, or the host did not answer.</summary>
    ConnectionBroken,
    /// <summary>A run could not complete for another reason (UKG's data could not be read, the configuration cannot be used).</summary>
    RunFailed,
    /// <summary>A safety limit stopped a run, which waits for someone to approve it.</summary>
    ApprovalNeeded,
    /// <summary>Some people were not synced: the destination refused their records, or their data needs fixing in UKG.</summary>
    ChangesFailed,
    /// <summary>Not an incident: a summary of the last day's runs, sent after the first run a day after the last one (its
    /// last sending is kept as an open record of this kind).</summary>
    DailySummary,
}

/// <summary>An integration's <c>notifications:</c>: the technical contacts, the incidents they are emailed about, and how
/// long an open incident waits before a reminder (<see cref="TimeSpan.Zero"/>: never).</summary>
public sealed record NotificationPolicy(IReadOnlyList<MailboxAddress> Contacts, IReadOnlySet<IncidentKind> Send, TimeSpan RemindAfter)
{
    public static readonly TimeSpan DefaultRemindAfter = TimeSpan.FromHours(24);

    public static NotificationPolicy None { get; } = new([], new HashSet<IncidentKind>(), DefaultRemindAfter);

    /// <summary>The incidents emailed when <c>send:</c> is left out; the daily summary is asked for by name.</summary>
    public static IReadOnlyList<IncidentKind> DefaultSend { get; } =
        [IncidentKind.ConnectionBroken, IncidentKind.RunFailed, IncidentKind.ApprovalNeeded, IncidentKind.ChangesFailed];

    public bool Sends(IncidentKind kind) => Contacts.Count > 0 && Send.Contains(kind);
}
