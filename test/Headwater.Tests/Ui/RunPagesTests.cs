using Headwater.Integrations;
using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>An integration's page (preview, sync now, the runs) and a run's page (outcomes filtered and paged, the
/// report, approving a run a safety limit stopped).</summary>
[Collection(BrowserGroup.Name)]
public sealed class RunPagesTests(Browser browser)
{
    [Fact]
    public async Task Preview_then_sync_now_shows_the_status_change_and_each_persons_outcome_with_hostile_names_as_text()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var hostile = HostileNames.Give(ui.Service.Ukg.Tenant);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        var dialogs = 0;
        ui.Page.Dialog += (_, dialog) => dialogs++;
        await ui.SignInAsAdminAsync();
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "hr", Exact = true }).ClickAsync();

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var preview = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Preview" }) });
        await Expect(preview).ToContainTextAsync("Nothing has been changed");
        await Expect(preview).ToContainTextAsync("Within the safety limits");
        foreach (var (_, name) in hostile)
        {
            await Expect(preview.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }
        Assert.Equal(0, ui.Service.Scim.UserCount);
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "preview");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();

        // The page follows the run by itself until it ends.
        await Expect(ui.Page.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Connected, new() { Timeout = 60_000 });
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sync now" })).ToBeDisabledAsync();
        await Expect(ui.Page.Locator("#sync-note")).ToContainTextAsync("Sync now is allowed again at");
        Assert.True(ui.Service.Scim.UserCount > 0);
        Assert.Equal(0, dialogs);
        await Expect(ui.Page.Locator("figure", new() { HasText = "People in scope by state" }).Locator("svg"))
            .ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^People in scope by state: .*Active \\d+"));
        await Browser.ScreenshotAsync(ui.Page, "integration");

        await ui.Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Run \\d+$") }).First.ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Succeeded" })).ToBeVisibleAsync();
        var (_, script) = hostile[0];
        await Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = script, Exact = true })).ToBeVisibleAsync();
        await ui.Page.GetByLabel("Change", new() { Exact = true }).SelectOptionAsync("Create");
        await ui.Page.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync("Applied");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{ui.Service.Scim.UserCount} outcomes");
        Assert.Contains("kind=Create", ui.Page.Url, StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "run");

        var download = await ui.Page.RunAndWaitForDownloadAsync(() =>
            ui.Page.GetByRole(AriaRole.Link, new() { Name = "Download every outcome (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("hired", csv, StringComparison.Ordinal);
        Assert.Contains(hostile[2].Name.Split(' ')[0], csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_stopped_by_a_safety_limit_is_approved_after_a_confirmation_that_says_how_many_it_deactivates()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var unlimited = ServiceScenario.Unscheduled + "\n  syncNowLimit: 0";
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", unlimited) + "\n    safety:\n      maxDeactivations: 1");
        await SyncAsync(ui);
        var tenant = ui.Service.Ukg.Tenant;
        var leavers = tenant.Snapshot().ToArray().Where(r => r.StatusCode == Simulator.Tenants.EmployeeStatus.Active && r.IsHomeCompany)
            .Take(3).Select(r => r.EmployeeId).ToList();
        foreach (var leaver in leavers)
        {
            tenant.Terminate(leaver, tenant.Today().AddDays(-1));
        }
        var stopped = await SyncAsync(ui);
        Assert.Equal("Blocked", stopped.GetProperty("run").GetProperty("status").GetString());
        var runId = stopped.GetProperty("run").GetProperty("id").GetInt32();
        await ui.SignInAsAdminAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hr" })).ToContainTextAsync("Paused");

        await ui.Page.GotoAsync($"/runs/{runId}");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Stopped by a safety limit" })).ToBeVisibleAsync();
        await Expect(ui.Page.GetByText("app: stopped by a safety limit")).ToBeVisibleAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Approve…" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Approving deactivates 3 people");
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "approve");
        Assert.Equal(0, Inactive(ui));
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Yes, approve and deactivate 3" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Succeeded" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Run");
        Assert.Equal(3, Inactive(ui));
    }

    private static int Inactive(UiScenario ui) => ui.Service.Scim.Users.Count(u => u["active"]?.GetValue<bool>() == false);

    private static async Task<System.Text.Json.JsonElement> SyncAsync(UiScenario ui)
    {
        var accepted = await ui.Service.PostAsync("/api/integrations/hr/sync");
        return await ui.Service.WaitForRunAsync(accepted.GetProperty("runId").GetInt32());
    }
}
