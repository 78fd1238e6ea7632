using MailKit.Net.Smtp;
using MimeKit;

namespace Headwater.Notifications;

/// <summary>Sends messages through the configured SMTP server, one connection per batch.</summary>
public static class MailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <exception cref="MailKit.ServiceNotConnectedException">and the other MailKit and socket exceptions: not sent.</exception>
    public static async Task SendAsync(SmtpSettings smtp, IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (smtp.Username is { } user)
        {
            await client.AuthenticateAsync(user, smtp.Password ?? "", cancellationToken);
        }
        foreach (var message in messages)
        {
            message.From.Clear();
            message.From.Add(smtp.From);
            await client.SendAsync(message, cancellationToken);
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
