using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Headwater.Data;
using Headwater.Simulator.Generation;
using Headwater.Ui;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace Headwater.Benchmarks;

internal static partial class UiRun
{
    /// <summary>The integration's stored scope has no rules. Counted: three rules (a company, not terminated, a work email
    /// by pattern: a value per worker). Saved: one rule leaving out a company, which deactivates its active accounts, so
    /// the page asks to confirm and nothing is saved.</summary>
    private static readonly (string Attribute, string Test, string Values)[] CountedRules =
    [
        ("primary.companyCode", "in", "ACME; ACMEW"), ("lifecycle.state", "notIn", "Terminated"),
        ("email", "matches", $@"[a-z0-9.]+@{Regex.Escape(Catalog.EmailDomain)}"),
    ];

    private static readonly (string, string, string)[] SavedRules = [("primary.companyCode", "in", "ACME; ACMEW")];

    /// <summary>At most ten requests each, so that the run stays short where one takes seconds.</summary>
    private static async Task MeasurePolicyAsync(HttpClient browser, int requests)
    {
        requests = Math.Min(requests, 10);
        // The first count after the workers changed reads every worker's fields; the service runs in this process, so the
        // memory it keeps afterwards is measured here too.
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var (elapsed, token, matchBy) = await FirstCountAsync(browser);
        var kept = GC.GetTotalMemory(forceFullCollection: true) - heap;
        Console.WriteLine(Invariant($"| Policy, the first count with scope rules after the workers changed | {elapsed.TotalMilliseconds:F0} ms | | |"));
        Console.WriteLine(Invariant($"| (memory kept by the service after that first count: {kept / 1024.0 / 1024:F0} MB) | | | |"));
        await MeasureAsync("Policy, counting three scope rules over every worker", "`POST …/policy/preview`", requests,
            () => browser.PostAsync($"/integrations/{Integration}/policy/preview", PolicyForm(token, CountedRules, matchBy)), "</strong> in scope");
        await MeasureAsync("Policy, Save… with a rule that deactivates a company's accounts", "`POST …/policy`", requests,
            () => browser.PostAsync($"/integrations/{Integration}/policy", PolicyForm(token, SavedRules, [.. matchBy, ("_handler", "policy"), ("Action", "save")])),
            "Saving deactivates");
    }

    /// <summary>Adds <paramref name="count"/> active accounts that no one holds (service accounts a destination read
    /// listed, matching no worker), which any worker without an account of their own may adopt, and measures Save…
    /// again: it must then consider matching its candidates by keys.</summary>
    private static async Task MeasureUnheldAsync(BenchService service, HttpClient browser, int requests, int count)
    {
        await using (var scope = service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            db.IntegrationId = await IntegrationIdAsync(db);
            var now = TimeProvider.System.GetUtcNow();
            db.Accounts.AddRange(Enumerable.Range(1, count).Select(n => new AccountRecord
            {
                Destination = "app", AccountId = Invariant($"svc-{n:D5}"), Ownership = "Unmanaged", Active = true, Values = "{}",
                UserName = Invariant($"svc-{n:D5}"), Email = Invariant($"svc-{n:D5}@{Catalog.EmailDomain}"), CreatedAt = now, UpdatedAt = now,
            }));
            await db.SaveChangesAsync();
        }
        var (_, token, matchBy) = await FirstCountAsync(browser);
        await MeasureAsync(Invariant($"Policy, Save… as above, with {count} active accounts no one holds"), "`POST …/policy`",
            Math.Min(requests, 10),
            () => browser.PostAsync($"/integrations/{Integration}/policy", PolicyForm(token, SavedRules, [.. matchBy, ("_handler", "policy"), ("Action", "save")])),
            "Saving deactivates");
    }

    /// <summary>Restarts the service, which builds the columns as it starts: how long that takes after the start, and the
    /// first count once they are built.</summary>
    private static async Task MeasureRestartAsync(BenchService service)
    {
        await using var restarted = await service.RestartAsync();
        var clock = Stopwatch.StartNew();
        var cache = restarted.Services.GetRequiredService<WorkerColumnsCache>();
        await using (var scope = restarted.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            db.IntegrationId = await IntegrationIdAsync(db);
            while (await cache.KeptAsync(db, CancellationToken.None) is null)
            {
                await Task.Delay(50);
            }
        }
        var built = clock.Elapsed;
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(cookies) { BaseAddress = restarted.Admin.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await SignInAsync(browser, restarted.Admin.DefaultRequestHeaders.Authorization!.Parameter!);
        var (elapsed, _, _) = await FirstCountAsync(browser);
        Console.WriteLine(Invariant($"| (after a restart, the columns were built {built.TotalMilliseconds:F0} ms after the service started) | | | |"));
        Console.WriteLine(Invariant($"| Policy, the first count with scope rules after a restart | {elapsed.TotalMilliseconds:F0} ms | | |"));
    }

    /// <summary>Opens the Policy page and counts <see cref="CountedRules"/> once: the count's time, and the page's
    /// antiforgery token and match keys (as chosen on the page, which a browser sends with every form).</summary>
    private static async Task<(TimeSpan Elapsed, string Token, (string, string)[] MatchBy)> FirstCountAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync($"/integrations/{Integration}/policy");
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        (string, string)[] matchBy = [.. MatchBySelect().Matches(page).Select(m => SelectedOption().Match(m.Groups[1].Value))
            .Where(o => o.Success).Select(o => ("MatchBy", WebUtility.HtmlDecode(o.Groups[1].Value)))];
        var clock = Stopwatch.StartNew();
        using var first = await browser.PostAsync($"/integrations/{Integration}/policy/preview", PolicyForm(token, CountedRules, matchBy));
        first.EnsureSuccessStatusCode();
        return (clock.Elapsed, token, matchBy);
    }

    /// <summary>Save… with the leave policy changed to deactivate, no scope rules: a lifecycle change, which makes every
    /// worker not in an active state a candidate.</summary>
    private static async Task MeasureLifecycleAsync(HttpClient browser, int requests)
    {
        var (_, token, matchBy) = await FirstCountAsync(browser);
        await MeasureAsync("Policy, Save… deactivating people on leave (a lifecycle change)", "`POST …/policy`", Math.Min(requests, 10),
            () => browser.PostAsync($"/integrations/{Integration}/policy",
                PolicyForm(token, [], [.. matchBy, ("_handler", "policy"), ("Action", "save")], leave: "deactivate")),
            "Saving deactivates");
    }

    private static FormUrlEncodedContent PolicyForm(string token, (string, string, string)[] rules, (string, string)[] extra,
        string leave = "keepActive")
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("Destination", "app"), new("Create", "onHireDate"), new("DaysBeforeHire", ""),
            new("NewAccounts", "active"), new("Leave", leave), new("Suspension", "keepActive"), new("TerminationToday", "atOnce"),
            new("DeleteAfterDays", ""), new("OutOfScope", "deactivate"),
        };
        for (var i = 0; i < rules.Length; i++)
        {
            fields.Add(new($"Scope[{i}].Attribute", rules[i].Item1));
            fields.Add(new($"Scope[{i}].Test", rules[i].Item2));
            fields.Add(new($"Scope[{i}].Values", rules[i].Item3));
        }
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)));
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("""name="MatchBy"[^>]*>(.*?)</select>""", RegexOptions.Singleline)]
    private static partial Regex MatchBySelect();

    [GeneratedRegex("""<option value="([^"]*)"[^>]*\bselected""")]
    private static partial Regex SelectedOption();
}
