using System.Globalization;
using System.Text.RegularExpressions;
using Headwater.Simulator.Tenants;
using Headwater.Ui;
using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>The integration page's charts and the Integrations page's last run: what they count and how bars are named.</summary>
[Collection(BrowserGroup.Name)]
public sealed partial class ChartsTests(Browser browser)
{
    [Fact]
    public async Task The_state_chart_counts_only_people_in_scope_and_run_bars_are_named_by_their_start()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var outOfScope = ui.Service.Ukg.Tenant.Snapshot().ToArray().Where(r => r.StatusCode == EmployeeStatus.Active && r.IsHomeCompany)
            .Take(3).Select(r => r.EmployeeId).ToList();
        var scope = $"\n    scope:\n      - attribute: id\n        notIn: [{string.Join(", ", outOfScope)}]";
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled + "\n  syncNowLimit: 0") + scope);
        foreach (var count in new[] { 1, 2 })
        {
            await ui.Service.PostAsync("/api/integrations/hr/sync");
            await ui.Service.WaitForRunCountAsync("hr", count);
        }
        var stored = (await ui.Service.GetAsync("/api/integrations/hr/workers?limit=1")).GetProperty("total").GetInt32();
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync($"{ui.Url}/integrations/hr");

        var states = ui.Page.Locator("figure", new() { HasText = "People in scope by state" }).Locator("figcaption");
        var counts = StateCount().Matches(await states.InnerTextAsync())
            .Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(stored - outOfScope.Count, counts);
        Assert.DoesNotContain(ui.Service.Scim.Users, u => outOfScope.Contains((string?)u["externalId"] ?? ""));
        var runs = await ui.Service.GetAsync("/api/integrations/hr/runs");
        var first = runs[1];
        var started = UiText.Time(first.GetProperty("startedAt").GetDateTimeOffset());
        var applied = first.GetProperty("counts").GetProperty("applied");
        await Expect(ui.Page.Locator("figure", new() { HasText = "Changes per run" }).Locator("figcaption"))
            .ToContainTextAsync($"{started} (run {first.GetProperty("id").GetInt32()}) {applied}");
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "integration-runs");

        await ui.Page.GotoAsync(ui.Url);
        var latest = runs[0].GetProperty("id").GetInt32();
        var row = ui.Page.GetByRole(AriaRole.Row, new() { Name = "hr" });
        await Expect(row).ToContainTextAsync($"Run {latest}: Succeeded, ");
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "integrations-last-run");
        await row.GetByRole(AriaRole.Link, new() { Name = $"Run {latest}", Exact = true }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Succeeded" })).ToBeVisibleAsync();
        Assert.EndsWith($"/runs/{latest}", ui.Page.Url, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[A-Za-z]+ (\d+)")]
    private static partial Regex StateCount();
}
