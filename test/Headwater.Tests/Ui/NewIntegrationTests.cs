using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>Creating an integration from the Integrations page (UKG Pro details, then its first destination), the base URL
/// shown as it will be used while it is typed, and a read token that cannot create one.</summary>
[Collection(BrowserGroup.Name)]
public sealed class NewIntegrationTests(Browser browser)
{
    [Fact]
    public async Task An_integration_is_created_from_the_ui_with_the_base_url_normalised_as_it_is_typed()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var ukg = ui.Service.Ukg.Options;
        var local = ui.Service.Ukg.BaseUrl.ToString().TrimEnd('/');
        await ui.SignInAsAdminAsync();
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "New integration" }).ClickAsync();
        await ui.Page.GetByLabel("What will it keep in step").SelectOptionAsync("scim");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Shown as it will be used while it is typed, before anything is sent.
        await ui.Page.GetByLabel("Base URL").PressSequentiallyAsync($"{local}/services/LoginService");
        await Expect(ui.Page.Locator("#baseUrl-used")).ToHaveTextAsync($"Used as {local}.");
        await ui.Page.GetByLabel("Base URL").FillAsync("ftp://ukg.example.com");
        await ui.Page.GetByLabel("Base URL").PressAsync("End");
        await Expect(ui.Page.Locator("#baseUrl-used")).ToContainTextAsync("over https");
        await ui.Page.GetByLabel("Base URL").FillAsync($"{local}/services/LoginService");

        await ui.Page.GetByLabel("Integration name").FillAsync("crm");
        await ui.Page.GetByLabel("Service account user name").FillAsync(ukg.UserName);
        await ui.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(ukg.Password);
        await ui.Page.GetByLabel("Customer API key").FillAsync(ukg.CustomerApiKey);
        await ui.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("app");
        await ui.Page.Locator("#d0-url").FillAsync(ui.Service.Scim.BaseUrl.ToString());
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "new-integration");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        // The token was left out: nothing is stored, the problem is beside its field, and the base URL is kept as typed.
        await Expect(ui.Page.Locator("#d0-token-error")).Not.ToBeEmptyAsync();
        await Expect(ui.Page.GetByLabel("Base URL")).ToHaveValueAsync($"{local}/services/LoginService");
        await Expect(ui.Page.Locator("#baseUrl-used")).ToHaveTextAsync($"Used as {local}.");
        Assert.Equal(0, (await ui.Service.GetAsync("/api/integrations")).GetArrayLength());

        await ui.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(ukg.Password);
        await ui.Page.GetByLabel("Customer API key").FillAsync(ukg.CustomerApiKey);
        await ui.Page.GetByLabel("token").FillAsync(ui.Service.Scim.BearerToken);
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Destinations");
        await Expect(ui.Page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("The integration is stored");
        Assert.EndsWith("/integrations/crm/destinations?created=1", ui.Page.Url, StringComparison.Ordinal);
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
        await Expect(ui.Page.Locator("section").GetByRole(AriaRole.Status)).ToContainTextAsync("Test passed.");

        // Stored as the API stores it: it syncs.
        var accepted = await ui.Service.PostAsync("/api/integrations/crm/sync");
        var run = await ui.Service.WaitForRunAsync(accepted.GetProperty("runId").GetInt32());
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("status").GetString());
        Assert.True(ui.Service.Scim.UserCount > 0);

        // A second one by the same name is refused, not written over.
        await ui.Page.GotoAsync("/new-integration?type=file");
        await ui.Page.GetByLabel("Integration name").FillAsync("crm");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(ui.Page.Locator("#name-error")).ToContainTextAsync("There is already an integration named 'crm'");
        Assert.Equal("scim", (await ui.Service.GetAsync("/api/integrations/crm")).GetProperty("configuration")
            .GetProperty("destinations")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_read_token_cannot_create_an_integration()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.SignInAsync(await ui.Service.Service.CreateToken("read"));
        await Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = "New integration" })).ToHaveCountAsync(0);
        await ui.Page.GotoAsync("/new-integration?type=scim");
        await Expect(ui.Page.GetByText("only an admin token can create an integration")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create" })).ToHaveCountAsync(0);
    }
}
