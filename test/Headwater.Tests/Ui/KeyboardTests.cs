using System.Text.Json;
using System.Text.RegularExpressions;
using Headwater.Integrations;
using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>The main journey with the keyboard alone (Tab, Shift+Tab, Enter, Space): every focus visible, fields and
/// buttons reached in the order they are read.</summary>
[Collection(BrowserGroup.Name)]
public sealed partial class KeyboardTests(Browser browser)
{
    [Fact]
    public async Task Signing_in_connecting_previewing_syncing_and_approving_need_only_the_keyboard()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var unlimited = ServiceScenario.Unscheduled + "\n  syncNowLimit: 0";
        var values = ui.Service.Values;
        values[ServiceScenario.UkgPasswordVariable] = "not-the-password";
        var yaml = ui.Service.Yaml("hr", unlimited) + "\n    safety:\n      maxDeactivations: 1";
        using (var created = await ui.Service.PutAsync("hr", yaml, values))
        {
            Assert.True(created.IsSuccessStatusCode);
        }
        var page = ui.Page;

        // Sign in: the skip link comes first, then the token field and its button.
        await page.GotoAsync("/signin");
        Assert.Equal("Skip to content", (await TabAsync(page)).Name);
        await TabToAsync(page, "API token");
        await page.Keyboard.TypeAsync(ui.Service.Admin.DefaultRequestHeaders.Authorization!.Parameter!);
        await PressAsync(page, "Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await TabToAsync(page, "hr");
        await PressAsync(page, "Enter");
        await TabToAsync(page, "Connect UKG Pro");
        await PressAsync(page, "Enter");

        // Connect: the fields in the order they are read, then the buttons.
        var order = new List<string>();
        await TabToAsync(page, "Base URL", visited: order);
        await TabToAsync(page, "Save and test", visited: order);
        Assert.Equal(["Base URL", "Service account user name", "Password", "Customer API key", "Save", "Save and test"],
            order.SkipWhile(n => n != "Base URL"));
        await TabToAsync(page, "Password", back: true);
        await page.Keyboard.TypeAsync(ui.Service.Ukg.Options.Password);
        await TabToAsync(page, "Save and test");
        await PressAsync(page, "Enter");
        await Expect(page.GetByText("UKG Pro accepted the credentials.")).ToBeVisibleAsync();

        // Preview, then Sync now with Space.
        await TabToAsync(page, "Overview", back: true);
        await PressAsync(page, "Enter");
        await TabToAsync(page, "Preview");
        await PressAsync(page, "Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview" })).ToBeVisibleAsync();
        await TabToAsync(page, "Sync now", back: true);
        await PressAsync(page, "Space");
        // The page follows the run by itself; it is on its final state once the run's row says how it ended.
        await ui.Service.WaitForRunCountAsync("hr", 1);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Succeeded" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(page.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Connected);
        await page.WaitForLoadStateAsync();
        Assert.True(ui.Service.Scim.UserCount > 0);

        // Three leave; the next sync stops at the safety limit and is approved.
        var tenant = ui.Service.Ukg.Tenant;
        foreach (var leaver in tenant.Snapshot().ToArray().Where(r => r.StatusCode == Simulator.Tenants.EmployeeStatus.Active && r.IsHomeCompany)
                     .Take(3).Select(r => r.EmployeeId))
        {
            tenant.Terminate(leaver, tenant.Today().AddDays(-1));
        }
        await TabToAsync(page, "Sync now");
        await PressAsync(page, "Space");
        await ui.Service.WaitForRunCountAsync("hr", 2);
        await Expect(page.Locator(".badge")).ToHaveTextAsync(IntegrationStatus.Paused, new() { Timeout = 60_000 });
        await page.WaitForLoadStateAsync();
        await TabToAsync(page, name => RunLink().IsMatch(name));
        await PressAsync(page, "Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stopped by a safety limit" })).ToBeVisibleAsync();
        await TabToAsync(page, "Approve…");
        await PressAsync(page, "Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Approving deactivates 3 people");
        await TabToAsync(page, "Yes, approve and deactivate 3");
        await PressAsync(page, "Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Succeeded" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(3, ui.Service.Scim.Users.Count(u => u["active"]?.GetValue<bool>() == false));
    }

    [Fact]
    public async Task The_destinations_page_and_the_new_integration_form_are_reached_and_filled_in_order()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        await ui.SignInAsAdminAsync();
        var page = ui.Page;
        await page.GotoAsync("/integrations/hr/destinations");
        var order = new List<string>();
        await TabToAsync(page, "Name", visited: order);
        await TabToAsync(page, "Add", visited: order);
        Assert.Equal(["Name", .. ScimFields, "Save and test", "Remove", "Save", "Kind", "Add"], order.SkipWhile(n => n != "Name"));
        await TabToAsync(page, "Save and test", back: true);
        await PressAsync(page, "Enter");
        await Expect(page.Locator("section").GetByRole(AriaRole.Status)).ToContainTextAsync("Test passed.");

        await page.GotoAsync("/");
        await TabToAsync(page, "New integration");
        await PressAsync(page, "Enter");
        await TabToAsync(page, "What will it keep in step with UKG Pro?");
        await TabToAsync(page, "Continue");
        await PressAsync(page, "Enter");
        order.Clear();
        await TabToAsync(page, "Integration name", visited: order);
        await TabToAsync(page, "Create", visited: order);
        Assert.Equal(["Integration name", "Base URL", "Service account user name", "Password", "Customer API key", "Name", .. ScimFields,
            "Create"], order.SkipWhile(n => n != "Integration name"));
    }

    /// <summary>A SCIM destination's fields by label and YAML key, its sections' fields in place.</summary>
    private static readonly string[] ScimFields =
    [
        "Service URL url", "Allow plain HTTP allowInsecureHttp", "Bearer token token", "Username username", "Password password",
        "Update method update", "Booleans as strings booleansAsStrings", "Page size pageSize", "Filters filters",
        "Adopt on conflict adoptOnConflict", "Groups groups", "Group batch size groupBatchSize", "Most retries max",
        "Delay (seconds) delaySeconds", "Attempt timeout (seconds) attemptTimeoutSeconds",
        "Longest Retry-After (seconds) maxRetryAfterSeconds",
    ];

    /// <summary>Presses a key that follows a link or sends a form, and waits for the page it leads to.</summary>
    internal static async Task PressAsync(IPage page, string key)
    {
        var loaded = new TaskCompletionSource();
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await page.Keyboard.PressAsync(key);
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }

    internal sealed record Focus(string Name, bool Visible);

    /// <summary>Presses Tab and says where the focus went: the element's label or text, and whether its focus is drawn.</summary>
    internal static async Task<Focus> TabAsync(IPage page, bool back = false)
    {
        await page.Keyboard.PressAsync(back ? "Shift+Tab" : "Tab");
        var focus = await page.EvaluateAsync<JsonElement>("""
            () => {
              const e = document.activeElement;
              const name = (e.labels && e.labels.length ? e.labels[0].textContent : e.getAttribute("aria-label") || e.textContent || "");
              const style = getComputedStyle(e);
              return { name: name.trim().replace(/\s+/g, " "), visible: e.matches(":focus-visible") && style.outlineStyle !== "none"
                && parseFloat(style.outlineWidth) >= 2 };
            }
            """);
        return new Focus(focus.GetProperty("name").GetString()!, focus.GetProperty("visible").GetBoolean());
    }

    internal static Task TabToAsync(IPage page, string name, bool back = false, List<string>? visited = null) =>
        TabToAsync(page, n => n == name, back, visited, name);

    /// <summary>Tabs (or Shift+Tabs) until the focus is on an element whose name passes <paramref name="wanted"/>, checking
    /// at each step that the focus can be seen.</summary>
    internal static async Task TabToAsync(IPage page, Func<string, bool> wanted, bool back = false, List<string>? visited = null,
        string? name = null)
    {
        for (var i = 0; i < 200; i++)
        {
            var focus = await TabAsync(page, back);
            visited?.Add(focus.Name);
            Assert.True(focus.Visible, $"The focus on '{focus.Name}' ({page.Url}) is not visible.");
            if (wanted(focus.Name))
            {
                return;
            }
        }
        Assert.Fail($"'{name ?? "the element"}' is not reached with {(back ? "Shift+Tab" : "Tab")} on {page.Url}.");
    }

    [GeneratedRegex(@"^Run \d+$")]
    private static partial Regex RunLink();
}
