using System.Text.Json;
using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>The Destinations page: each destination's settings from its kind (secrets write-only), problems beside their
/// fields, a destination added and removed, and each one tested for real.</summary>
[Collection(BrowserGroup.Name)]
public sealed class DestinationsPageTests(Browser browser)
{
    [Fact]
    public async Task Each_destination_is_tested_for_real_and_a_wrong_token_is_named_with_its_fix_and_never_sent_back()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "Destinations" }).ClickAsync();

        var app = Destination(ui.Page, "app");
        await Expect(app.GetByLabel("url")).ToHaveValueAsync(ui.Service.Scim.BaseUrl.ToString());
        await Expect(app.GetByLabel("token")).ToHaveValueAsync("");
        await Expect(app).ToContainTextAsync("Stored. Leave blank to keep it.");
        await Expect(app.GetByRole(AriaRole.Group, new() { Name = "Retries retries" })).ToBeVisibleAsync();

        // A blank secret keeps the stored one: the test reaches the SCIM application with it.
        await app.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
        await Expect(app.GetByRole(AriaRole.Status)).ToContainTextAsync("Test passed. GET Users answered 200");

        await app.GetByLabel("token").FillAsync("not-the-token");
        await app.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
        await Expect(app.GetByRole(AriaRole.Status)).ToContainTextAsync("Test failed.");
        await Expect(app.GetByRole(AriaRole.Status)).ToContainTextAsync("401");
        await Expect(app.GetByRole(AriaRole.Status)).ToContainTextAsync("What to do: Give the token");
        Assert.DoesNotContain("not-the-token", await ui.Page.ContentAsync(), StringComparison.Ordinal);

        await app.GetByLabel("token").FillAsync(ui.Service.Scim.BearerToken);
        await app.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
        await Expect(app.GetByRole(AriaRole.Status)).ToContainTextAsync("Test passed.");
        Assert.DoesNotContain(ui.Service.Scim.BearerToken, await ui.Page.ContentAsync(), StringComparison.Ordinal);

        // A sync still reaches the application with the token stored from the form.
        var accepted = await ui.Service.PostAsync("/api/integrations/hr/sync");
        var run = await ui.Service.WaitForRunAsync(accepted.GetProperty("runId").GetInt32());
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("status").GetString());
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "destinations");
    }

    [Fact]
    public async Task A_file_destination_is_added_with_its_problems_beside_its_fields_tested_then_removed()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        var folder = Path.Combine(Path.GetTempPath(), $"headwater-ui-{Guid.NewGuid():N}");
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr/destinations");

        await ui.Page.GetByLabel("Kind").SelectOptionAsync("file");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(Destination(ui.Page, "New destination")).ToContainTextAsync("(file)");
        var added = ui.Page.Locator("form section").Nth(1);
        await added.GetByLabel("Name").FillAsync("Roster Files");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(added.Locator("#d1-name-error")).ToContainTextAsync("lower-case letters");
        await Expect(added.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(added.Locator("#d1-path-error")).Not.ToBeEmptyAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("Not saved");
        Assert.Single((await Configuration(ui)).GetProperty("destinations").EnumerateArray());
        await browser.AssertAccessibleAsync(ui.Page);

        await added.GetByLabel("Name").FillAsync("roster");
        await added.GetByLabel("path").FillAsync(folder);
        await added.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
        var roster = Destination(ui.Page, "roster");
        await Expect(roster.GetByRole(AriaRole.Status)).ToContainTextAsync($"Test passed. Wrote and removed a file in {folder}");
        Assert.Empty(Directory.GetFiles(folder));
        var destinations = (await Configuration(ui)).GetProperty("destinations").EnumerateArray().ToList();
        Assert.Equal(["app", "roster"], destinations.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(folder, destinations[1].GetProperty("path").GetString());

        await roster.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("roster is off the form: save to remove it");
        Assert.Equal(2, (await Configuration(ui)).GetProperty("destinations").GetArrayLength());
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        Assert.Single((await Configuration(ui)).GetProperty("destinations").EnumerateArray());
        Directory.Delete(folder);
    }

    [Fact]
    public async Task A_read_token_sees_the_destinations_and_cannot_change_or_test_them()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        await ui.SignInAsync(await ui.Service.Service.CreateToken("read"));
        await ui.Page.GotoAsync("/integrations/hr/destinations");

        var app = Destination(ui.Page, "app");
        await Expect(app.GetByLabel("url")).ToBeDisabledAsync();
        await Expect(app.GetByRole(AriaRole.Button, new() { Name = "Save and test" })).ToBeDisabledAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true })).ToBeDisabledAsync();
        await Expect(ui.Page.GetByText("Signed in with a read token")).ToBeVisibleAsync();
    }

    internal static ILocator Destination(IPage page, string name) =>
        page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = name }) });

    private static async Task<JsonElement> Configuration(UiScenario ui) =>
        (await ui.Service.GetAsync("/api/integrations/hr")).GetProperty("configuration");
}
