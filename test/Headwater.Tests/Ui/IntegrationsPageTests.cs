using Headwater.Service;
using Headwater.Tests.Service;
using Headwater.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>Signing in and out of the admin UI, and the Integrations page.</summary>
[Collection(BrowserGroup.Name)]
public sealed class IntegrationsPageTests(Browser browser)
{
    [Fact]
    public async Task A_page_asks_for_sign_in_and_an_unknown_token_is_refused_beside_its_field()
    {
        await using var ui = await UiScenario.StartAsync(browser);

        await ui.Page.GotoAsync("/");
        Assert.Contains("/signin", ui.Page.Url, StringComparison.Ordinal);
        await ui.Page.GetByLabel("API token").FillAsync("hw_not-a-token");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not a token this service knows");
        Assert.DoesNotContain(await ui.Context.CookiesAsync(), c => c.Name == AdminUi.CookieName);
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "signin");
    }

    [Fact]
    public async Task Signing_in_issues_an_HttpOnly_SameSite_Strict_cookie_that_a_revoked_token_loses_and_sign_out_ends()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var token = await ui.Service.Service.CreateToken(ApiScopes.Read, "viewer");

        await ui.SignInAsync(token);

        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Integrations" })).ToBeVisibleAsync();
        await Expect(ui.Page.GetByText("viewer (read only)")).ToBeVisibleAsync();
        var cookie = Assert.Single(await ui.Context.CookiesAsync(), c => c.Name == AdminUi.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(token, cookie.Value, StringComparison.Ordinal);

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // A web-first wait for the sign-in form, as every other step waits, rather than for the page's load event (which
        // once never came within a minute under the whole suite's load).
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Contains("/signin", ui.Page.Url, StringComparison.Ordinal);
        await ui.Page.GotoAsync("/");
        Assert.Contains("/signin", ui.Page.Url, StringComparison.Ordinal);

        await ui.SignInAsync(token);
        await ui.Service.Service.Query(db => ApiTokens.RevokeAsync(db, 2, TimeProvider.System, CancellationToken.None));
        await ui.Page.GotoAsync("/");
        Assert.Contains("/signin", ui.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_integrations_page_shows_Not_connected_then_Connected_with_the_people_in_scope_after_a_sync()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        await ui.SignInAsAdminAsync();

        var row = ui.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hr" });
        await Expect(row).ToContainTextAsync("Not connected");
        await Expect(row.Locator(".hint")).ToHaveTextAsync("Test the connection (POST /api/integrations/hr/check) or sync now.");
        await browser.AssertAccessibleAsync(ui.Page);

        var accepted = await ui.Service.PostAsync("/api/integrations/hr/sync");
        await ui.Service.WaitForRunAsync(accepted.GetProperty("runId").GetInt32());
        await ui.Page.ReloadAsync();

        await Expect(row).ToContainTextAsync("Connected");
        var people = await ui.Service.Service.Query(async db =>
        {
            db.IntegrationId = await db.Integrations.Select(i => i.Id).SingleAsync();
            return await db.Accounts.CountAsync(a => a.Active);
        });
        Assert.True(people > 0);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToContainTextAsync($"Run {accepted.GetProperty("runId").GetInt32()}: Succeeded");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(4))
            .ToHaveTextAsync(people.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "integrations");
    }

    [Fact]
    public async Task A_read_token_sees_an_integration_but_its_actions_are_disabled()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        await ui.SignInAsync(await ui.Service.Service.CreateToken(ApiScopes.Read, "viewer"));

        await ui.Page.GotoAsync("/integrations/hr");

        foreach (var action in (string[])["Preview", "Sync now", "Test connection"])
        {
            await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = action })).ToBeDisabledAsync();
        }
        await Expect(ui.Page.Locator("#sync-note")).ToContainTextAsync("read token");
        await browser.AssertAccessibleAsync(ui.Page);
    }
}
