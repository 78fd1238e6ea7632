using Headwater.Notifications;
using MimeKit;

namespace Headwater.Tests.Notifications;

/// <summary>The email itself: causes with their fixes, at most 50 people in the body, names from UKG escaped in HTML.</summary>
public sealed class FailureEmailTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_body_lists_fifty_people_and_says_how_many_more_are_in_the_attached_report()
    {
        var people = Enumerable.Range(1, 60).Select(i => Person($"E{i:000}", $"Person {i:000}")).ToList();
        var cause = new IncidentCause("A value is not one of a field's allowed values", FailureAdvice.InvalidValue, null, [], people);
        var notice = new IncidentNotice("hr", "run 7", At, new Incident(IncidentKind.ChangesFailed, [cause], new HashSet<string>()),
            IncidentEmail.Opened, At, "a,b\r\n"u8.ToArray());

        var message = FailureEmail.Compose(notice, [MailboxAddress.Parse("it@example.com")]);

        Assert.Equal("Headwater · hr: 60 people not synced", message.Subject);
        Assert.Contains("Person 050 (employee number N-E050, id E050)", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Person 051", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("... and 10 more in the attached report.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(FailureAdvice.InvalidValue, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Person 051", message.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("hr-run-7-report.csv", attachment.FileName);
        Assert.Equal("text/csv", attachment.ContentType.MimeType);
    }

    [Fact]
    public void Names_from_UKG_are_escaped_in_HTML_and_kept_as_written_in_plain_text()
    {
        const string name = "<img src=x onerror=alert(1)> Zoë \"O'Brien\" & 李小龍 مريم 👩‍💻";
        var cause = new IncidentCause("app refused the records of 1 person", FailureAdvice.RecordRefused, null, [],
            [Person("E1", name) with { Error = "<b>409</b> userName taken", Failed = true }]);
        var notice = new IncidentNotice("hr", "run 3", At, new Incident(IncidentKind.ChangesFailed, [cause], new HashSet<string>()),
            IncidentEmail.Opened, At);

        var message = FailureEmail.Compose(notice, [MailboxAddress.Parse("it@example.com")]);

        Assert.DoesNotContain("<img", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>409", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;409&lt;/b&gt; userName taken", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(name, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<b>409</b> userName taken", message.TextBody, StringComparison.Ordinal);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public void A_connection_that_recovers_gets_a_short_all_clear_without_the_causes()
    {
        var cause = new IncidentCause("UKG Pro rejected the password, user name or customer API key", FailureAdvice.UkgCredentials,
            "UKG Pro", ["401 Unauthorized"], []);
        var incident = new Incident(IncidentKind.ConnectionBroken, [cause], new HashSet<string>());
        var opened = FailureEmail.Compose(new IncidentNotice("hr", "run 1", At, incident, IncidentEmail.Opened, At), [MailboxAddress.Parse("a@b.c")]);
        var resolved = FailureEmail.Compose(new IncidentNotice("hr", "run 9", At.AddDays(1), incident, IncidentEmail.Resolved, At),
            [MailboxAddress.Parse("a@b.c")], "Resolved: " + opened.Subject);

        Assert.Equal("Headwater · hr: cannot connect: UKG Pro rejected the password, user name or customer API key", opened.Subject);
        Assert.Contains("What happened: 401 Unauthorized", opened.TextBody, StringComparison.Ordinal);
        Assert.Contains("Service Account Administration", opened.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Resolved: Headwater · hr: cannot connect", resolved.Subject, StringComparison.Ordinal);
        Assert.Contains("This is over", resolved.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("What to do", resolved.TextBody, StringComparison.Ordinal);
    }

    private static AffectedPerson Person(string id, string name) =>
        new("app", id, $"N-{id}", name, "invalid_value", $"Not sent: userType 'TMP' is not one of the allowed values 'REG'.", null, false, false);
}
