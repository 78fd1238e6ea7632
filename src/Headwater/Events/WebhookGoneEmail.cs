using MimeKit;

namespace Headwater.Events;

/// <summary>The email to an integration's technical contacts when a receiver answered 410 Gone: which webhook, that
/// nothing more is posted to it, that its events are kept, and how to start again.</summary>
public static class WebhookGoneEmail
{
    public static MimeMessage Compose(string integration, string destination, string reason, IReadOnlyList<MailboxAddress> to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var message = new MimeMessage { Subject = $"Headwater · {integration}: webhook {destination} disabled (410 Gone)" };
        message.To.AddRange(to);
        message.Body = new TextPart("plain")
        {
            Text = $"""
                The receiver of webhook '{destination}' of integration '{integration}' {reason}.

                Headwater has disabled the subscription: nothing more is posted to it. The events of the runs since are kept
                in the outbox, so nothing is lost. When the receiver wants events again, replay them:

                    headwater events replay --destination {destination}

                which enables the subscription again and posts every event it has not taken, oldest first.
                """,
        };
        return message;
    }
}
