using System.Globalization;
using MailKit.Security;
using MimeKit;

namespace Headwater.Notifications;

/// <summary>
/// The SMTP server notifications go through, from the environment (<c>HEADWATER_SMTP_HOST</c>, <c>_PORT</c>,
/// <c>_SECURITY</c> none|starttls|tls, <c>_USERNAME</c>, <c>_PASSWORD</c>, <c>_FROM</c>) or, for the service, the same
/// keys in its configuration's <c>Smtp</c> section. The password is only ever sent to the server.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? Username, string? Password, MailboxAddress From)
{
    private static readonly string[] Names = ["HOST", "PORT", "SECURITY", "USERNAME", "PASSWORD", "FROM"];

    /// <summary>The settings; null when no host is set (no email is sent).</summary>
    /// <param name="lookup">Finds a setting by its environment variable's name (<c>HEADWATER_SMTP_HOST</c>).</param>
    /// <exception cref="FormatException">A setting is not valid; the message says which and why.</exception>
    public static SmtpSettings? Read(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var values = Names.ToDictionary(n => n, n => lookup($"HEADWATER_SMTP_{n}") is { Length: > 0 } v ? v.Trim() : null);
        if (values["HOST"] is not { } host)
        {
            return null;
        }
        var security = values["SECURITY"]?.ToLowerInvariant() switch
        {
            null or "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            var other => throw new FormatException($"HEADWATER_SMTP_SECURITY is '{other}'; it is one of none, starttls, tls."),
        };
        var port = values["PORT"] is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p
                : throw new FormatException($"HEADWATER_SMTP_PORT is '{text}', not a port number.")
            : security == SecureSocketOptions.SslOnConnect ? 465 : 587;
        var fromText = values["FROM"] ?? $"Headwater <headwater@{host}>";
        if (!MailboxAddress.TryParse(fromText, out var from))
        {
            throw new FormatException($"HEADWATER_SMTP_FROM is '{fromText}', not an email address.");
        }
        return new SmtpSettings(host, port, security, values["USERNAME"], values["PASSWORD"], from);
    }

    /// <summary>The service's settings: its configuration's <c>Smtp</c> section (<c>Smtp:Host</c>, ...), or the
    /// environment variables, which the service reads with the <c>HEADWATER_</c> prefix taken off (<c>SMTP_HOST</c>).</summary>
    /// <exception cref="FormatException">A setting is not valid.</exception>
    public static SmtpSettings? Read(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Read(name =>
        {
            var key = name["HEADWATER_SMTP_".Length..];
            return configuration[$"SMTP_{key}"] ?? configuration[$"Smtp:{key}"];
        });
    }

    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"{Host}:{Port} ({Security}){(Username is null ? "" : $" as {Username}")}";
}
