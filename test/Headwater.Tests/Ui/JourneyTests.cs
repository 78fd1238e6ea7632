using System.Text.RegularExpressions;
using Headwater.Integrations;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Headwater.Tests.Ui.MappingAndPolicyPagesTests;

namespace Headwater.Tests.Ui;

/// <summary>An administrator's whole journey, in the browser alone: connect UKG Pro with an account that lacks a permission,
/// see it named and fix it, map with a preview, preview the plan, sync and watch the status change, open a worker's
/// history, and approve a run a safety limit stopped. Each main screen is saved as a screenshot (journey-*.png).</summary>
[Collection(BrowserGroup.Name)]
public sealed class JourneyTests(Browser browser)
{
    [Fact]
    public async Task Connect_map_preview_sync_follow_a_worker_and_approve_a_stopped_run_in_the_browser()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var hostile = HostileNames.Give(ui.Service.Ukg.Tenant);
        var ukg = ui.Service.Ukg.Options;
        var limited = (ui.Service.Yaml("hr", ServiceScenario.Unscheduled + "\n  syncNowLimit: 0") + "\n    safety:\n      maxDeactivations: 1")
            .Replace($"username: {ukg.UserName}", $"username: {ukg.LimitedUserName}", StringComparison.Ordinal);
        var values = ui.Service.Values;
        values[ServiceScenario.UkgPasswordVariable] = ukg.LimitedPassword;
        using (var created = await ui.Service.PutAsync("hr", limited, values))
        {
            Assert.True(created.IsSuccessStatusCode);
        }
        var page = ui.Page;
        await ui.SignInAsAdminAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hr" })).ToContainTextAsync(IntegrationStatus.NotConnected);
        await Browser.ScreenshotAsync(page, "journey-integrations");

        // Connect: the missing web service is named, then the right account fixes it.
        await page.GetByRole(AriaRole.Link, new() { Name = "hr", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Connect UKG Pro" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
        var check = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Connection test" }) });
        await Expect(check.GetByRole(AriaRole.Row).Filter(new() { HasText = "Missing" }).First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "journey-connect-missing");
        await page.GetByLabel("Service account user name").FillAsync(ukg.UserName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ukg.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
        await Expect(check).ToContainTextAsync("UKG Pro accepted the credentials");
        await Expect(check.GetByRole(AriaRole.Row).Filter(new() { HasText = "Missing" })).ToHaveCountAsync(0);

        // Preview reads the workers from UKG; the Mapping page then previews a change on one of them before saving it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var plan = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Preview" }) });
        await Expect(plan).ToContainTextAsync("Nothing has been changed");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mapping" }).ClickAsync();
        var (_, rtl) = hostile[2];
        await page.GetByLabel("Preview with the worker").FillAsync(rtl.Split(' ')[0]);
        var preview = page.Locator("#mapping-preview");
        await Expect(preview.Locator("strong").First).ToHaveTextAsync(rtl);
        await Row(ui, "title").GetByLabel(Expression).FillAsync("concat(primary.jobTitle, ' (', primary.companyCode, ')')");
        await Expect(Value(preview, "title")).ToContainTextAsync(" (");
        await browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "journey-mapping");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");

        // The plan with the new mapping, then Sync now, followed until Connected.
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(plan).ToContainTextAsync("creates");
        await Expect(plan.GetByRole(AriaRole.Link, new() { Name = rtl, Exact = true })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "journey-preview");
        Assert.Equal(0, ui.Service.Scim.UserCount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        // The page follows the run by itself (the preview's run was already Connected, so the newest run is watched too).
        await Expect(LatestRun(page)).ToContainTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(page.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Connected);
        Assert.True(ui.Service.Scim.UserCount > 0);
        Assert.Contains(ui.Service.Scim.Users, u => u["title"]?.GetValue<string>().Contains(" (", StringComparison.Ordinal) == true);
        await Browser.ScreenshotAsync(page, "journey-integration");

        // The worker's history: what Headwater did for them, and why.
        await page.GetByRole(AriaRole.Link, new() { Name = "Workers" }).ClickAsync();
        await page.GetByLabel("Name, employee number, ID or email").FillAsync(rtl.Split(' ')[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = rtl, Exact = true }).ClickAsync();
        var app = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "In app" }) });
        // Two previews planned the create, and the sync applied it.
        await Expect(app.GetByRole(AriaRole.Row).Filter(new() { HasText = "Create" }).Filter(new() { HasText = "Applied" }))
            .ToContainTextAsync("hired");
        await Browser.ScreenshotAsync(page, "journey-worker");

        // Three leave at once; the limit of one deactivation stops the run, which is approved after reading what it does.
        var tenant = ui.Service.Ukg.Tenant;
        foreach (var leaver in tenant.Snapshot().ToArray().Where(r => r.StatusCode == EmployeeStatus.Active && r.IsHomeCompany).Take(3))
        {
            tenant.Terminate(leaver.EmployeeId, tenant.Today().AddDays(-1));
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await Expect(page.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Paused, new() { Timeout = 60_000 });
        await LatestRun(page).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stopped by a safety limit" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Approving deactivates 3 people");
        await Browser.ScreenshotAsync(page, "journey-approve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, approve and deactivate 3" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Succeeded" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(3, ui.Service.Scim.Users.Count(u => u["active"]?.GetValue<bool>() == false));
    }

    /// <summary>The newest run in the integration page's list.</summary>
    private static ILocator LatestRun(IPage page) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Run \\d+$") }) }).First;
}
