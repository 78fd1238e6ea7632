using System.Globalization;
using System.Net;
using System.Text;
using Headwater.Data;
using MimeKit;

namespace Headwater.Notifications;

/// <summary>The daily summary: each destination run since the last summary with what it changed, and the incidents
/// still open. Plain text and HTML.</summary>
public static class DailySummary
{
    public static MimeMessage Compose(string integration, DateTimeOffset since, DateTimeOffset now, IReadOnlyList<SyncRun> runs,
        IReadOnlyList<string> openIncidents, IReadOnlyList<MailboxAddress> to)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(openIncidents);
        var applied = runs.Sum(r => r.Applied);
        var failed = runs.Sum(r => r.Failed);
        var message = new MimeMessage
        {
            Subject = $"Headwater · {integration}: daily summary: {Count(runs.Count, "run")}, {Count(applied, "change")} applied, " +
                $"{failed.ToString(CultureInfo.InvariantCulture)} failed",
        };
        message.To.AddRange(to);
        var lines = runs.Select(r => $"Run {r.Id} ({r.Destination}) {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Status}: {r.Creates} created, " +
            $"{r.Updates} updated, {r.Deactivations} deactivated, {r.Failed} failed").ToList();
        var lead = $"Integration \"{integration}\" from {since:yyyy-MM-dd HH:mm} to {now:yyyy-MM-dd HH:mm} UTC.";
        var open = openIncidents.Count == 0 ? "Nothing is waiting for anyone." : "Still open:";
        var text = new StringBuilder().AppendLine(lead).AppendLine();
        foreach (var line in lines.DefaultIfEmpty("No run finished."))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }
        text.AppendLine().AppendLine(open);
        foreach (var incident in openIncidents)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {incident}");
        }
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>").Append(E(lead)).Append("</p><ul>");
        foreach (var line in lines.DefaultIfEmpty("No run finished."))
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }
        html.Append("</ul><p>").Append(E(open)).Append("</p><ul>");
        foreach (var incident in openIncidents)
        {
            html.Append("<li>").Append(E(incident)).Append("</li>");
        }
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.Append("</ul></body></html>").ToString() }.ToMessageBody();
        return message;
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
