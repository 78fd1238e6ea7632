using Headwater.Configuration.Model;
using Headwater.Core.Configuration;
using Headwater.Notifications;
using MimeKit;

namespace Headwater.Configuration;

/// <summary>The <c>notifications:</c> section: the technical contacts and the incidents they are emailed about.</summary>
internal static class NotificationsSection
{
    private static readonly string[] Keys = ["contacts", "send", "remindAfter"];

    private static readonly (string, IncidentKind)[] Kinds =
    [
        ("connectionBroken", IncidentKind.ConnectionBroken), ("runFailed", IncidentKind.RunFailed),
        ("approvalNeeded", IncidentKind.ApprovalNeeded), ("changesFailed", IncidentKind.ChangesFailed),
        ("dailySummary", IncidentKind.DailySummary),
    ];

    public static NotificationsConfig? Bind(ConfigSection file) => file.Child("notifications", Keys) is { } s
        ? new NotificationsConfig(s.Texts("contacts"), s.Texts("send"), s.Text("remindAfter"))
        : null;

    public static ConfigMap? Write(NotificationsConfig? notifications) => notifications is null ? null : new ConfigMapBuilder()
        .Texts("contacts", notifications.Contacts).Texts("send", notifications.Send).Text("remindAfter", notifications.RemindAfter)
        .Build(empty: true);

    /// <param name="file">The file's checks.</param>
    /// <param name="notifications">As written; null: no one is emailed.</param>
    public static NotificationPolicy? Validate(ConfigCheck file, NotificationsConfig? notifications)
    {
        if (notifications is null)
        {
            return NotificationPolicy.None;
        }
        var check = file.Child("notifications");
        var before = check.Reader.Problems.Count;
        var contacts = new List<MailboxAddress>();
        var written = check.Texts("contacts", notifications.Contacts) ?? [];
        for (var i = 0; i < written.Count; i++)
        {
            if (MailboxAddress.TryParse(written[i], out var address) && address.Address.Contains('@', StringComparison.Ordinal))
            {
                contacts.Add(address);
            }
            else
            {
                check.Problem($"contacts[{i}]", $"'{written[i]}' is not an email address (pat@example.com, or Pat Lee <pat@example.com>)");
            }
        }
        if (notifications.Contacts is null or [])
        {
            check.Problem("contacts", "at least one address is required");
        }
        var send = check.Choices("send", notifications.Send, Kinds) ?? NotificationPolicy.DefaultSend;
        TimeSpan? remindAfter = null;
        if (check.Text("remindAfter", notifications.RemindAfter) is { } text)
        {
            remindAfter = ScheduleSection.ParseDuration(text);
            if (remindAfter is null)
            {
                check.Problem("remindAfter", $"'{text}' is not a duration (a number and a unit: 30m, 24h, 7d; 0: never)");
            }
        }
        return check.Reader.Problems.Count > before ? null
            : new NotificationPolicy(contacts, send.ToHashSet(), remindAfter ?? NotificationPolicy.DefaultRemindAfter);
    }
}
