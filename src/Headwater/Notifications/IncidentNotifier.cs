using System.Globalization;
using Headwater.Data;
using Headwater.Reports;
using Headwater.Syncing;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Headwater.Notifications;

/// <summary>A finished run to tell the contacts about: the integration, a label for the run ("run 12"), what it came to,
/// and whether it was a whole run (everyone read and planned), which alone can show that failed changes are over.</summary>
public sealed record FinishedRun(string Integration, NotificationPolicy Policy, string Run, SyncResult Result, bool WholeRun);

/// <summary>What the review came to: the subjects emailed, and why any email was not sent.</summary>
public sealed record NotifyOutcome(IReadOnlyList<string> Sent, string? NotSent)
{
    public static NotifyOutcome Nothing { get; } = new([], null);
}

/// <summary>
/// After each run, one email per incident rather than per run: the contacts hear when a connection breaks, a run fails,
/// a safety limit waits for approval, or people were not synced; a reminder when it has lasted the policy's
/// <c>remindAfter</c> since the last email; and, for a connection or a failing run, when it is over. Open incidents are
/// kept per integration in the database. An email that cannot be sent is logged and tried again after the next run.
/// </summary>
public sealed partial class IncidentNotifier(HeadwaterDb db, TimeProvider time, SmtpSettings? smtp, ILogger logger)
{
    public async Task<NotifyOutcome> ReviewAsync(FinishedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Policy.Contacts.Count == 0)
        {
            return NotifyOutcome.Nothing;
        }
        var (people, changes, workers) = await AffectedAsync(run.Result, cancellationToken);
        var found = RunReview.Incidents(run.Result, people).Where(i => run.Policy.Sends(i.Kind)).ToDictionary(i => i.Kind);
        var open = await db.Incidents.ToDictionaryAsync(i => i.Kind, cancellationToken);
        var now = time.GetUtcNow();
        var emails = new List<(MimeMessage Message, IncidentRecord? Record)>();
        byte[]? report = null;
        foreach (var kind in NotificationPolicy.DefaultSend)
        {
            found.TryGetValue(kind, out var incident);
            open.TryGetValue(kind, out var record);
            var complete = Complete(kind, run);
            if (incident is not null)
            {
                var known = record?.KeySet();
                var news = known is null || !incident.Keys.IsSubsetOf(known);
                var remind = !news && (record!.NotifiedAt is null
                    || run.Policy.RemindAfter > TimeSpan.Zero && now - record.NotifiedAt >= run.Policy.RemindAfter);
                if (record is not null && (complete || news))
                {
                    // A run that saw everything says what is open now; one that saw part of it only adds to it.
                    record.Keys = IncidentRecord.Join(complete ? incident.Keys : known!.Union(incident.Keys));
                }
                if (!news && !remind)
                {
                    continue;
                }
                if (kind == IncidentKind.ChangesFailed)
                {
                    report ??= await RunReport.WriteCsvAsync(changes, workers, cancellationToken);
                }
                var notice = new IncidentNotice(run.Integration, run.Run, now, incident,
                    news || record!.NotifiedAt is null ? IncidentEmail.Opened : IncidentEmail.Reminder,
                    record?.OpenedAt ?? now, kind == IncidentKind.ChangesFailed ? report : null);
                if (record is null)
                {
                    record = new IncidentRecord { Kind = kind, Keys = IncidentRecord.Join(incident.Keys), Subject = "", OpenedAt = now };
                    db.Incidents.Add(record);
                }
                if (news)
                {
                    record.Subject = Truncate(FailureEmail.Subject(notice));
                    record.NotifiedAt = null; // until this email is sent: the next run tries again if it is not
                }
                var subject = notice.Email == IncidentEmail.Reminder ? $"Reminder: {record.Subject}" : record.Subject;
                emails.Add((FailureEmail.Compose(notice, run.Policy.Contacts, Truncate(subject)), record));
            }
            else if (record is not null && complete)
            {
                db.Incidents.Remove(record);
                if (record.NotifiedAt is not null && kind is IncidentKind.ConnectionBroken or IncidentKind.RunFailed)
                {
                    var notice = new IncidentNotice(run.Integration, run.Run, now, new Incident(kind, [], record.KeySet()),
                        IncidentEmail.Resolved, record.OpenedAt);
                    emails.Add((FailureEmail.Compose(notice, run.Policy.Contacts, Truncate($"Resolved: {record.Subject}")), null));
                }
            }
        }
        if (run.Policy.Sends(IncidentKind.DailySummary) && await DailySummaryAsync(run, open.GetValueOrDefault(IncidentKind.DailySummary),
            now, cancellationToken) is { } summary)
        {
            emails.Add(summary);
        }
        var outcome = await SendAsync(emails.Select(e => e.Message).ToList(), cancellationToken);
        if (outcome.NotSent is null)
        {
            foreach (var (_, record) in emails)
            {
                record?.NotifiedAt = now;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    /// <summary>Whether the run saw all there is of the incident's kind, so that not showing it means it is over: a
    /// connection, once UKG or a destination answered; a safety limit, once a destination's changes went ahead; a failed
    /// run, after a whole run; failed changes, after a whole run that planned everyone (a run between plans only those
    /// who changed).</summary>
    private static bool Complete(IncidentKind kind, FinishedRun run)
    {
        var result = run.Result;
        var reached = result.Read is { Succeeded: true } || result.Destinations.Count > 0;
        var whole = run.WholeRun && result.Read is { Succeeded: true } && !result.Failures.Any(f => f.WorkerId is null
            && f.Cause is not (FailureCause.DestinationRefused or FailureCause.Busy));
        return kind switch
        {
            IncidentKind.ConnectionBroken => reached && !result.Failures.Any(f => RunReview.IsConnection(f.Cause)),
            IncidentKind.ApprovalNeeded => result.Destinations.Count > 0 && !result.Has(FailureCause.SafetyLimit),
            IncidentKind.RunFailed => whole,
            _ => whole && result.Destinations.Count > 0 && result.Destinations.All(d => d.Run.Planning == PlanScope.Everyone),
        };
    }

    private async Task<NotifyOutcome> SendAsync(List<MimeMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return NotifyOutcome.Nothing;
        }
        var subjects = messages.Select(m => m.Subject ?? "").ToList();
        if (smtp is null)
        {
            Log.NoSmtp(logger, messages.Count);
            return new NotifyOutcome([], $"HEADWATER_SMTP_HOST is not set, so {messages.Count} email(s) were not sent.");
        }
        try
        {
            await MailSender.SendAsync(smtp, messages, cancellationToken);
            Log.Sent(logger, messages.Count, smtp.Host);
            return new NotifyOutcome(subjects, null);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException
            or ProtocolException or CommandException or ServiceNotConnectedException or TimeoutException
            or System.Security.Authentication.AuthenticationException)
        {
            Log.NotSent(logger, messages.Count, smtp.ToString(), e.Message);
            return new NotifyOutcome([], $"The email server {smtp} did not take {messages.Count} email(s): {e.Message}");
        }
    }

    /// <summary>A summary of the runs since the last one, once a day has passed since it (the first: at once).</summary>
    private async Task<(MimeMessage, IncidentRecord?)?> DailySummaryAsync(FinishedRun run, IncidentRecord? last, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // A little under a day, so a daily sync that finishes a few seconds earlier than yesterday's still sends it.
        if (last?.NotifiedAt is { } sent && now - sent < TimeSpan.FromHours(23))
        {
            return null;
        }
        // The summary's keys hold the last run it told of: the next tells of the runs after it.
        var after = int.TryParse(last?.Keys, CultureInfo.InvariantCulture, out var id) ? id : 0;
        var since = last?.NotifiedAt ?? now.AddDays(-1);
        var newest = await db.SyncRuns.AsNoTracking().Where(r => r.Id > after && r.FinishedAt != null).OrderByDescending(r => r.Id)
            .Take(1000).ToListAsync(cancellationToken);
        var runs = newest.Where(r => last is not null || r.StartedAt >= since).OrderBy(r => r.Id).ToList();
        var openIncidents = await db.Incidents.AsNoTracking().Where(i => i.Kind != IncidentKind.DailySummary)
            .Select(i => i.Subject).ToListAsync(cancellationToken);
        if (last is null)
        {
            last = new IncidentRecord { Kind = IncidentKind.DailySummary, Keys = "", Subject = "", OpenedAt = now };
            db.Incidents.Add(last);
        }
        var message = DailySummary.Compose(run.Integration, since, now, runs, openIncidents, run.Policy.Contacts);
        last.Subject = Truncate(message.Subject ?? "");
        last.Keys = runs.Count > 0 ? runs[^1].Id.ToString(CultureInfo.InvariantCulture) : last.Keys;
        return (message, last);
    }

    private static string Truncate(string subject) => subject.Length <= 250 ? subject : subject[..247] + "...";

    private async Task<(List<AffectedPerson>, List<ChangeRecord>, Dictionary<string, WorkerRecord>)> AffectedAsync(SyncResult result,
        CancellationToken cancellationToken)
    {
        var runIds = result.Destinations.Select(d => d.Run.Id).ToList();
        if (runIds.Count == 0)
        {
            return ([], [], []);
        }
        var sharing = await db.Workers.AsNoTracking().Where(w => w.IssueCount > 0 && w.Issues.Contains("shared-email"))
            .Select(w => w.Id).ToListAsync(cancellationToken);
        var codes = RunReview.AttentionCodes.ToList();
        var changes = await db.Changes.AsNoTracking()
            .Where(c => runIds.Contains(c.RunId) && (c.Status == ChangeStatus.Failed || codes.Contains(c.Code) || sharing.Contains(c.WorkerId)))
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var ids = changes.Select(c => c.WorkerId).Distinct().ToList();
        var workers = await db.Workers.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var shared = sharing.ToHashSet(StringComparer.Ordinal);
        var people = changes.Select(c => new AffectedPerson(c.Destination, c.WorkerId, workers.GetValueOrDefault(c.WorkerId)?.EmployeeNumber,
            workers.GetValueOrDefault(c.WorkerId)?.DisplayName, c.Code, c.Reason, c.Error, c.Status == ChangeStatus.Failed,
            shared.Contains(c.WorkerId))).ToList();
        return (people, changes, workers);
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "Sent {Count} notification email(s) through {Host}")]
        public static partial void Sent(ILogger logger, int count, string host);

        [LoggerMessage(3002, LogLevel.Warning, "{Count} notification email(s) not sent: no SMTP server is configured (HEADWATER_SMTP_HOST)")]
        public static partial void NoSmtp(ILogger logger, int count);

        [LoggerMessage(3003, LogLevel.Warning, "{Count} notification email(s) not sent through {Server}: {Error}; the next run tries again")]
        public static partial void NotSent(ILogger logger, int count, string server, string error);
    }
}
