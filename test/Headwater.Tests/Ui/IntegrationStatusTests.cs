using System.Net.Http.Json;
using Headwater.Integrations;
using Headwater.Notifications;
using Headwater.Simulator.Scim;
using Headwater.Tests.Service;
using Headwater.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>The status an administrator reads on the Integrations page and an integration's page: Syncing with how far
/// the run has come, Error with the people the app refused, and Paused.</summary>
[Collection(BrowserGroup.Name)]
public sealed class IntegrationStatusTests(Browser browser)
{
    [Fact]
    public async Task A_run_held_while_applying_shows_Syncing_with_its_progress_on_both_pages_then_Connected()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        await ui.SignInAsAdminAsync();
        var row = ui.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hr" });
        string total;
        using (var hold = ui.Service.Scim.HoldWrites(passing: 3))
        {
            await ui.Service.PostAsync("/api/integrations/hr/sync");
            await WaitForHeldWriteAsync(hold);

            await ui.Page.ReloadAsync();
            await Expect(row.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Syncing);
            var progress = row.Locator("progress");
            await Expect(progress).ToHaveAttributeAsync("value", "3");
            total = (await progress.GetAttributeAsync("max"))!;
            Assert.True(int.Parse(total, System.Globalization.CultureInfo.InvariantCulture) > 3, $"{total} changes in all");
            await Expect(row).ToContainTextAsync("Applying app");
            await Expect(row).ToContainTextAsync($"3 of {total}");

            await row.GetByRole(AriaRole.Link, new() { Name = "hr", Exact = true }).ClickAsync();
            var status = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Status" }) });
            await Expect(status.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Syncing);
            await Expect(status.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("value", "3");
            await Expect(status.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("max", total);
            await Expect(status).ToContainTextAsync($"3 of {total}");
            await Browser.ScreenshotAsync(ui.Page, "syncing");
            Assert.Equal(3, ui.Service.Scim.UserCount);
            await AssertAccessibleHeldStillAsync(ui.Page);
        }

        // The page follows the run by itself until it ends.
        var ended = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Status" }) });
        await Expect(ended.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Connected, new() { Timeout = 60_000 });
        await Expect(ended.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        Assert.Equal(total, ui.Service.Scim.UserCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ui.Page.GotoAsync("/");
        await Expect(row.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Connected);
        await Expect(row.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_person_the_app_refuses_makes_the_status_Error_and_is_listed_with_the_apps_message_and_in_the_failures_report()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var (id, name) = await RefuseOneWorkerAsync(ui.Service);
        await ui.SignInAsAdminAsync();
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "hr", Exact = true }).ClickAsync();

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();

        var status = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Status" }) });
        await Expect(status.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Error, new() { Timeout = 60_000 });
        // The app's own message for the person it refused, and what to do about it.
        await Expect(status.Locator(".detail")).ToContainTextAsync("409");
        await Expect(status.Locator(".detail")).ToContainTextAsync("is already in use");
        await Expect(status.Locator(".hint")).ToHaveTextAsync(FailureAdvice.RecordRefused);
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "error");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "Integrations", Exact = true }).ClickAsync();
        var row = ui.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hr" });
        await Expect(row.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Error);
        await Expect(row.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("1");

        await row.GetByRole(AriaRole.Link, new() { Name = "hr", Exact = true }).ClickAsync();
        var runs = new System.Text.RegularExpressions.Regex("^Run \\d+$");
        await ui.Page.GetByRole(AriaRole.Link, new() { NameRegex = runs }).First.ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Completed with failures" })).ToBeVisibleAsync();
        await ui.Page.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync("Failed");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 outcome.");
        Assert.Contains("outcome=Failed", ui.Page.Url, StringComparison.Ordinal);
        var person = ui.Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        var failed = ui.Page.GetByRole(AriaRole.Row).Filter(new() { Has = person });
        await Expect(failed).ToContainTextAsync("Failed");
        await Expect(failed).ToContainTextAsync("409");
        await Expect(failed).ToContainTextAsync("is already in use");
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "run-failed");

        var download = await ui.Page.RunAndWaitForDownloadAsync(() =>
            ui.Page.GetByRole(AriaRole.Link, new() { Name = "Download the failures (CSV)" }).ClickAsync());
        var rows = ReportText.Csv(await File.ReadAllTextAsync(await download.PathAsync()));
        var refused = Assert.Single(rows);
        Assert.Equal((id, "Create", "Failed"), (refused["employeeId"], refused["change"], refused["outcome"]));
        Assert.Contains("is already in use", refused["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_integration_shows_Paused_on_the_Integrations_page_with_how_to_resume_it()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));

        await ui.Service.PostAsync("/api/integrations/hr/pause");
        await ui.SignInAsAdminAsync();

        var row = ui.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hr" });
        await Expect(row.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Paused);
        await Expect(row.Locator(".detail")).ToHaveTextAsync("Paused by hand.");
        await Expect(row.Locator(".hint")).ToHaveTextAsync("Resume it (POST /api/integrations/hr/resume) to sync on its schedule again.");
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "paused");
    }

    /// <summary>Stores an integration that matches accounts by externalId and does not adopt on a conflict, and gives the
    /// SCIM application a user (not Headwater's) with one worker's userName: the app refuses to create that worker.
    /// Returns the worker's employee ID and display name.</summary>
    private static async Task<(string Id, string Name)> RefuseOneWorkerAsync(ServiceScenario service)
    {
        var yaml = service.Yaml("hr", ServiceScenario.Unscheduled)
            + "\n    lifecycle: { matchBy: [externalId] }\n    compatibility: { adoptOnConflict: false }";
        await service.CreateAsync("hr", yaml);
        var plan = await service.PostAsync("/api/integrations/hr/plan");
        var id = plan.GetProperty("destinations")[0].GetProperty("changes")[0].GetProperty("workerId").GetString()!;
        var worker = (await service.GetAsync($"/api/integrations/hr/workers/{id}")).GetProperty("worker");
        using var scim = new HttpClient { BaseAddress = service.Scim.BaseUrl };
        scim.DefaultRequestHeaders.Authorization = new("Bearer", service.Scim.BearerToken);
        var user = new { schemas = (string[])["urn:ietf:params:scim:schemas:core:2.0:User"],
            userName = worker.GetProperty("email").GetString()!.ToLowerInvariant() };
        using var created = await scim.PostAsJsonAsync("Users", user);
        created.EnsureSuccessStatusCode();
        return (id, worker.GetProperty("displayName").GetString()!);
    }

    /// <summary>Checks the page with axe-core on a copy that does not reload itself (without ui.js), so the check is not
    /// cut short by the reload that follows a run's progress; the page then reloads itself again.</summary>
    private async Task AssertAccessibleHeldStillAsync(IPage page)
    {
        await page.RouteAsync("**/ui/ui.js", route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = "" }));
        await page.ReloadAsync();
        await Expect(page.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Syncing);
        await browser.AssertAccessibleAsync(page);
        await page.UnrouteAllAsync();
        await page.ReloadAsync();
    }

    /// <summary>Waits (up to a minute) until the run has a write held: it is applying, with the passing ones done.</summary>
    private static async Task WaitForHeldWriteAsync(ScimWriteHold hold)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (hold.Held == 0)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromMinutes(1), "No write reached the SCIM application.");
            await Task.Delay(50);
        }
    }
}
