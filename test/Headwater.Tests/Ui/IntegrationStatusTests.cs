using Headwater.Integrations;
using Headwater.Simulator.Scim;
using Headwater.Tests.Service;
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
