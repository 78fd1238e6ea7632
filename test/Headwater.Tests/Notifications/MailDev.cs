using System.Net.Http.Json;
using System.Text.Json;

namespace Headwater.Tests.Notifications;

/// <summary>
/// The SMTP capture server the test script starts (MailDev, from npm): where Headwater sends, and its REST API, through
/// which a test reads back the messages sent to its own recipients. Tests share one server, so each uses addresses of
/// its own.
/// </summary>
public sealed class MailDev : IDisposable
{
    public const string SmtpVariable = "HEADWATER_TEST_SMTP";
    public const string ApiVariable = "HEADWATER_TEST_MAILDEV";

    private readonly HttpClient _api;

    private MailDev(string host, int port, Uri api)
    {
        Host = host;
        Port = port;
        _api = new HttpClient { BaseAddress = api };
    }

    public string Host { get; }
    public int Port { get; }

    /// <summary>The server the test script started; fails the test, saying how to start one, when there is none.</summary>
    public static MailDev Connect()
    {
        var smtp = Environment.GetEnvironmentVariable(SmtpVariable);
        var api = Environment.GetEnvironmentVariable(ApiVariable);
        if (string.IsNullOrWhiteSpace(smtp) || string.IsNullOrWhiteSpace(api))
        {
            Assert.Fail($"{SmtpVariable} and {ApiVariable} are not set, so the email tests cannot run. Start MailDev and export " +
                $"them: read -r {SmtpVariable} {ApiVariable} <<<\"$(eng/maildev.sh)\"; export {SmtpVariable} {ApiVariable} (test.sh does this).");
        }
        var (host, port) = (smtp[..smtp.LastIndexOf(':')], int.Parse(smtp[(smtp.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return new MailDev(host, port, new Uri(api));
    }

    /// <summary>A recipient no other test uses.</summary>
    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    /// <summary>The <c>HEADWATER_SMTP_*</c> settings that send here.</summary>
    public Dictionary<string, string> Settings() => new(StringComparer.Ordinal)
    {
        ["HEADWATER_SMTP_HOST"] = Host,
        ["HEADWATER_SMTP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HEADWATER_SMTP_SECURITY"] = "none",
        ["HEADWATER_SMTP_FROM"] = "Headwater <headwater@example.com>",
    };

    /// <summary>The messages sent to <paramref name="recipient"/>, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> MessagesTo(string recipient)
    {
        var all = await _api.GetFromJsonAsync<JsonElement>("api/email");
        return [.. all.EnumerateArray().Where(m => m.GetProperty("to").EnumerateArray()
            .Any(t => string.Equals(t.GetProperty("address").GetString(), recipient, StringComparison.OrdinalIgnoreCase))).Select(m => m.Clone())];
    }

    /// <summary>Waits (up to 20 s) until <paramref name="recipient"/> has <paramref name="count"/> messages, and returns them.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitFor(string recipient, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (true)
        {
            var messages = await MessagesTo(recipient);
            if (messages.Count >= count || TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.True(messages.Count >= count, $"{recipient} has {messages.Count} message(s), not {count}.");
                return messages;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>An attachment's content, by its file name.</summary>
    public async Task<string> Attachment(JsonElement message, string fileName)
    {
        var attachment = message.GetProperty("attachments").EnumerateArray()
            .Single(a => a.GetProperty("filename").GetString() == fileName);
        var id = message.GetProperty("id").GetString();
        return await _api.GetStringAsync($"api/email/{id}/attachment/{attachment.GetProperty("generatedFileName").GetString()}");
    }

    public void Dispose() => _api.Dispose();
}
