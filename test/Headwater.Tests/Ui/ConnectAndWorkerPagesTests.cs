using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>Connecting UKG Pro (secrets write-only, problems beside their fields, each web service granted or missing)
/// and finding a worker to see what Headwater did for them and why.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ConnectAndWorkerPagesTests(Browser browser)
{
    [Fact]
    public async Task A_missing_permission_is_named_then_fixed_and_secrets_are_never_sent_back()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var ukg = await CreateWithLimitedAccountAsync(ui);
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr/connect");
        await Expect(ui.Page.GetByLabel("Service account user name")).ToHaveValueAsync(ukg.LimitedUserName);
        await Expect(ui.Page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");

        // Blank secrets keep their stored values: the test still signs in, as the limited account.
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
        var check = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Connection test" }) });
        await Expect(check.GetByRole(AriaRole.Row).Filter(new() { HasText = "Missing" }).First).ToBeVisibleAsync();
        await Expect(check.GetByRole(AriaRole.Row).Filter(new() { HasText = "Personnel Integration" })).ToContainTextAsync("Granted");
        Assert.DoesNotContain(ukg.LimitedPassword, await ui.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(ukg.CustomerApiKey, await ui.Page.ContentAsync(), StringComparison.Ordinal);

        await ui.Page.GetByLabel("Base URL").FillAsync("ftp://ukg.example.com");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(ui.Page.Locator("#baseUrl-error")).ToContainTextAsync("ftp");
        await Expect(ui.Page.GetByLabel("Base URL")).ToHaveAttributeAsync("aria-invalid", "true");

        var local = ui.Service.Ukg.BaseUrl.ToString().TrimEnd('/');
        await ui.Page.GetByLabel("Base URL").FillAsync($"{local}/services/LoginService");
        await ui.Page.GetByLabel("Service account user name").FillAsync(ukg.UserName);
        await ui.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(ukg.Password);
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();

        await Expect(check.GetByRole(AriaRole.Row).Filter(new() { HasText = "Missing" })).ToHaveCountAsync(0);
        await Expect(check).ToContainTextAsync("UKG Pro accepted the credentials");
        await Expect(ui.Page.Locator("#baseUrl-used")).ToContainTextAsync($"Used as {local}");
        Assert.DoesNotContain(ukg.Password, await ui.Page.ContentAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "connect");
    }

    [Fact]
    public async Task Test_connection_names_each_web_service_the_account_lacks_with_how_to_grant_it()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var ukg = await CreateWithLimitedAccountAsync(ui);
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();

        var check = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Connection test" }) });
        foreach (var service in (string[])["Employee Person Details", "Company Configuration Integration"])
        {
            var header = ui.Page.GetByRole(AriaRole.Rowheader, new() { Name = service, Exact = true });
            var row = check.GetByRole(AriaRole.Row).Filter(new() { Has = header });
            await Expect(row.GetByRole(AriaRole.Cell)).ToHaveTextAsync([
                "Missing",
                $"The service account lacks View on '{service}'. In UKG Pro: Menu > System Configuration > Security > Service Account "
                    + $"Administration, open {ukg.LimitedUserName}, and grant View on '{service}'.",
            ]);
        }
        var granted = check.GetByRole(AriaRole.Row)
            .Filter(new() { Has = ui.Page.GetByRole(AriaRole.Rowheader, new() { Name = "Personnel Integration", Exact = true }) });
        await Expect(granted.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["Granted", "View granted."]);
        await Expect(check.GetByRole(AriaRole.Row).Filter(new() { HasText = "Missing" })).ToHaveCountAsync(2);
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "connection-missing");
    }

    [Fact]
    public async Task A_worker_found_by_search_shows_their_account_and_what_was_done_and_why()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var hostile = HostileNames.Give(ui.Service.Ukg.Tenant);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        var accepted = await ui.Service.PostAsync("/api/integrations/hr/sync");
        await ui.Service.WaitForRunAsync(accepted.GetProperty("runId").GetInt32());
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr/workers");
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("12 workers");
        foreach (var (_, name) in hostile)
        {
            await Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }
        await browser.AssertAccessibleAsync(ui.Page);

        var (id, rtl) = hostile[2];
        await ui.Page.GetByLabel("Name, employee number, ID or email").FillAsync("مريم");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 worker");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = rtl, Exact = true }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(rtl);
        await Expect(ui.Page.GetByText(id, new() { Exact = true }).First).ToBeVisibleAsync();
        var app = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "In app" }) });
        await Expect(app).ToContainTextAsync("active");
        await Expect(app.GetByRole(AriaRole.Row).Filter(new() { HasText = "Create" })).ToContainTextAsync("hired");
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "worker");
    }

    /// <summary>Stores integration "hr" signing in as the simulator's limited service account, which lacks some web services.</summary>
    private static async Task<Headwater.Simulator.SimulatorOptions> CreateWithLimitedAccountAsync(UiScenario ui)
    {
        var ukg = ui.Service.Ukg.Options;
        var limited = ui.Service.Yaml("hr", ServiceScenario.Unscheduled)
            .Replace($"username: {ukg.UserName}", $"username: {ukg.LimitedUserName}", StringComparison.Ordinal);
        var values = ui.Service.Values;
        values[ServiceScenario.UkgPasswordVariable] = ukg.LimitedPassword;
        using var created = await ui.Service.PutAsync("hr", limited, values);
        Assert.True(created.IsSuccessStatusCode);
        return ukg;
    }
}
