using Headwater.Tests.Service;
using Microsoft.Playwright;

namespace Headwater.Tests.Ui;

/// <summary>The pages that list many rows a page at a time (a run's outcomes, the workers) show every row once, in the
/// API's order, with their filters applied on every page.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PagingTests(Browser browser)
{
    [Fact]
    public async Task Paging_through_a_runs_outcomes_and_the_workers_shows_every_row_once_in_order_with_the_filters_kept()
    {
        await using var ui = await UiScenario.StartAsync(browser, employees: 130);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        var sync = await ui.Service.PostAsync("/api/integrations/hr/sync");
        var runId = sync.GetProperty("runId").GetInt32();
        await ui.Service.WaitForRunAsync(runId);
        await ui.SignInAsAdminAsync();

        foreach (var filter in new[] { "", "?kind=Create&outcome=Applied", "?kind=Skip", "?reason=hired" })
        {
            var api = await ui.Service.GetAsync($"/api/runs/{runId}{(filter.Length == 0 ? "?" : filter.Replace("outcome=", "status=", StringComparison.Ordinal)
                .Replace("reason=", "code=", StringComparison.Ordinal) + "&")}limit=5000");
            var expected = api.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("workerId").GetString()!).ToList();
            Assert.Equal(api.GetProperty("outcomeCount").GetInt32(), expected.Count);

            var shown = await WalkAsync(ui.Page, $"/runs/{runId}{filter}", "Pages of outcomes");

            Assert.Equal(expected, shown);
        }
        var all = await ui.Service.GetAsync($"/api/runs/{runId}?limit=5000");
        Assert.True(all.GetProperty("outcomeCount").GetInt32() > 100, "The run should have outcomes for more than two pages.");

        var workers = await ui.Service.GetAsync("/api/integrations/hr/workers?limit=1000");
        var ordered = workers.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("id").GetString()!).ToList();
        Assert.Equal(workers.GetProperty("total").GetInt32(), ordered.Count);
        Assert.Equal(ordered, await WalkAsync(ui.Page, "/integrations/hr/workers", "Pages of workers"));
        var someone = workers.GetProperty("workers")[0];
        var surname = someone.GetProperty("displayName").GetString()!.Split(' ')[^1];
        var found = await ui.Service.GetAsync($"/api/integrations/hr/workers?limit=1000&search={Uri.EscapeDataString(surname)}");
        var matching = found.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("id").GetString()!).ToList();
        Assert.Contains(someone.GetProperty("id").GetString()!, matching);
        Assert.Equal(matching, await WalkAsync(ui.Page, $"/integrations/hr/workers?search={Uri.EscapeDataString(surname.ToUpperInvariant())}",
            "Pages of workers"));
    }

    /// <summary>The worker IDs of every page's rows, from the first page through each "Next page" link.</summary>
    private static async Task<List<string>> WalkAsync(IPage page, string start, string pager)
    {
        await page.GotoAsync(start);
        var shown = new List<string>();
        while (true)
        {
            var links = await page.Locator("tbody tr th a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            shown.AddRange(links.Select(href => Uri.UnescapeDataString(href[(href.LastIndexOf('/') + 1)..])));
            var next = page.GetByRole(AriaRole.Navigation, new() { Name = pager }).GetByRole(AriaRole.Link, new() { Name = "Next page" });
            if (await next.CountAsync() == 0)
            {
                return shown;
            }
            await page.GotoAsync((await next.GetAttributeAsync("href"))!);
        }
    }
}
