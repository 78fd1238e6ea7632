using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;

namespace Headwater.Notifications;

/// <summary>Whether an email opens an incident, reminds of one still open, or says it is over.</summary>
public enum IncidentEmail { Opened, Reminder, Resolved }

/// <summary>What one email is about: the integration, the run, the incident and, for people, the run's full report.</summary>
public sealed record IncidentNotice(string Integration, string Run, DateTimeOffset At, Incident Incident, IncidentEmail Email,
    DateTimeOffset OpenedAt, byte[]? Report = null);

/// <summary>
/// Writes an incident's email: a subject that says what is wrong, then each cause with what happened and what to do,
/// and the people affected by name and employee number (at most <see cref="MaxPeople"/> in the body; all of them in
/// the attached CSV). Plain text and HTML, with everything from UKG or a destination escaped in the HTML.
/// </summary>
public static class FailureEmail
{
    public const int MaxPeople = 50;

    public static MimeMessage Compose(IncidentNotice notice, IReadOnlyList<MailboxAddress> to, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(to);
        var message = new MimeMessage { Subject = subject ?? Subject(notice) };
        message.To.AddRange(to);
        var body = new BodyBuilder { TextBody = Text(notice), HtmlBody = Html(notice) };
        if (notice.Report is { } report && notice.Email != IncidentEmail.Resolved)
        {
            body.Attachments.Add(ReportName(notice), report, new ContentType("text", "csv") { Charset = "utf-8" });
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    public static string ReportName(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return $"{notice.Integration}-{notice.Run.Replace(' ', '-')}-report.csv";
    }

    /// <summary>The subject of the email that opens the incident; a reminder and the all-clear prefix it.</summary>
    public static string Subject(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var incident = notice.Incident;
        var what = incident.Kind switch
        {
            IncidentKind.ConnectionBroken => $"cannot connect: {incident.Causes[0].Title}",
            IncidentKind.RunFailed => $"the sync failed: {incident.Causes[0].Title}",
            IncidentKind.ApprovalNeeded => "a safety limit stopped the sync; it waits for approval",
            _ => $"{RunReview.People(incident.Causes.SelectMany(c => c.People).Select(p => p.WorkerId).Distinct().Count())} not synced",
        };
        return $"Headwater · {notice.Integration}: {what}";
    }

    private static string Lead(IncidentNotice n) => n.Email switch
    {
        IncidentEmail.Resolved => $"This is over: {n.Run} of integration \"{n.Integration}\" ran without it at {n.At:yyyy-MM-dd HH:mm} UTC. " +
            $"It began at {n.OpenedAt:yyyy-MM-dd HH:mm} UTC.",
        IncidentEmail.Reminder => $"This still needs someone: it began at {n.OpenedAt:yyyy-MM-dd HH:mm} UTC and {n.Run} of integration " +
            $"\"{n.Integration}\" at {n.At:yyyy-MM-dd HH:mm} UTC showed it again.",
        _ => $"Headwater needs someone for integration \"{n.Integration}\" ({n.Run}, {n.At:yyyy-MM-dd HH:mm} UTC).",
    };

    private static string Text(IncidentNotice notice)
    {
        var text = new StringBuilder().AppendLine(Lead(notice)).AppendLine();
        if (notice.Email == IncidentEmail.Resolved)
        {
            return text.AppendLine("No one needs to do anything more about it.").ToString();
        }
        var number = 0;
        foreach (var cause in notice.Incident.Causes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{++number}. {cause.Title}");
            foreach (var message in cause.Messages)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   What happened: {message}");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"   What to do: {cause.Fix}");
            if (cause.People.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   People ({cause.People.Count:N0}):");
                foreach (var person in cause.People.Take(MaxPeople))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"   - {Who(person)}: {Detail(person)}");
                }
                if (cause.People.Count > MaxPeople)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"   ... and {cause.People.Count - MaxPeople:N0} more in the attached report.");
                }
            }
            text.AppendLine();
        }
        if (notice.Report is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The attached report ({ReportName(notice)}) lists every person and change of the run.");
        }
        return text.ToString();
    }

    private static string Html(IncidentNotice notice)
    {
        static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append("<p>").Append(E(Lead(notice))).Append("</p>");
        if (notice.Email == IncidentEmail.Resolved)
        {
            return html.Append("<p>No one needs to do anything more about it.</p></body></html>").ToString();
        }
        html.Append("<ol>");
        foreach (var cause in notice.Incident.Causes)
        {
            html.Append("<li><h3>").Append(E(cause.Title)).Append("</h3>");
            foreach (var message in cause.Messages)
            {
                html.Append("<p><strong>What happened:</strong> ").Append(E(message)).Append("</p>");
            }
            html.Append("<p><strong>What to do:</strong> ").Append(E(cause.Fix)).Append("</p>");
            if (cause.People.Count > 0)
            {
                html.Append("<ul>");
                foreach (var person in cause.People.Take(MaxPeople))
                {
                    html.Append("<li>").Append(E(Who(person))).Append(": ").Append(E(Detail(person))).Append("</li>");
                }
                html.Append("</ul>");
                if (cause.People.Count > MaxPeople)
                {
                    html.Append("<p>... and ").Append(cause.People.Count - MaxPeople).Append(" more in the attached report.</p>");
                }
            }
            html.Append("</li>");
        }
        html.Append("</ol>");
        if (notice.Report is not null)
        {
            html.Append("<p>The attached report (").Append(E(ReportName(notice))).Append(") lists every person and change of the run.</p>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Who(AffectedPerson person) =>
        $"{person.Name ?? "(name not known)"} (employee number {person.EmployeeNumber ?? "not known"}, id {person.WorkerId})";

    private static string Detail(AffectedPerson person) => person.Error is { Length: > 0 } error ? error : person.Reason;
}
