using Microsoft.Playwright;
using static Headwater.Tests.Ui.MappingAndPolicyPagesTests;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>The Policy page's <c>matchBy</c> and <c>safety:</c> limits: edited, problems beside their fields, stored
/// through the same validator as the API, and a loosened limit or changed match keys saved only once what they change is
/// confirmed.</summary>
[Collection(BrowserGroup.Name)]
public sealed class MatchingAndSafetyTests(Browser browser)
{
    private const string Deletions = "Deletions per run (default 25)";
    private const string Deactivations = "Deactivations per run (default 25)";

    [Fact]
    public async Task Match_keys_and_limits_are_saved_a_bad_limit_is_named_beside_it_and_loosening_asks_first()
    {
        await using var ui = await StartSyncedAsync(browser);
        await ui.SignInAsAdminAsync();
        var page = ui.Page;
        await page.GotoAsync("/integrations/hr/policy");
        await Expect(page.GetByLabel("Match first by")).ToHaveValueAsync("externalId");

        await page.GetByLabel("Match first by").SelectOptionAsync("email");
        await page.Locator("#matchBy-1").SelectOptionAsync("externalId");
        await page.Locator("#matchBy-2").SelectOptionAsync("");
        await page.GetByLabel(Deletions).FillAsync("lots");
        await page.GetByRole(AriaRole.Button, new() { Name = "Count" }).ClickAsync();
        await Expect(page.GetByLabel(Deletions)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#maxDeletions-error")).ToContainTextAsync("'lots' is not a whole number");

        // Tightening a limit asks nothing, but changing the match keys says from what to what and waits for a yes.
        await page.GetByLabel(Deletions).FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save…" }).ClickAsync();
        var matching = page.GetByRole(AriaRole.Alert);
        await Expect(matching).ToContainTextAsync("Saving changes how existing accounts are matched");
        await Expect(matching.GetByRole(AriaRole.Listitem))
            .ToHaveTextAsync(["Match by: from externalId, email, userName to email, externalId"]);
        await browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "policy-matching");
        Assert.DoesNotContain("\"matchBy\"", await StoredAsync(ui), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save and change the matching" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        var stored = await StoredAsync(ui);
        Assert.Matches("\"matchBy\":\\s*\\[\\s*\"email\",\\s*\"externalId\"\\s*\\]", stored);
        Assert.Matches("\"maxDeletions\":\\s*\"?10\"?[,}\\s]", stored);
        await Expect(page.GetByLabel("Match first by")).ToHaveValueAsync("email");
        await Expect(page.Locator("#matchBy-2")).ToHaveValueAsync("");

        // Raising one limit and turning another off says what each changes, and waits for a yes.
        await page.GetByLabel(Deletions).FillAsync("50");
        await page.GetByLabel(Deactivations).FillAsync("none");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save…" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Saving loosens the safety limits");
        await Expect(alert).ToContainTextAsync("Deactivations per run: from 25 to no limit");
        await Expect(alert).ToContainTextAsync("Deletions per run: from 10 to 50");
        await browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "policy-loosening");
        Assert.DoesNotContain("maxDeactivations", await StoredAsync(ui), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save and loosen the limits" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        stored = await StoredAsync(ui);
        Assert.Matches("\"maxDeletions\":\\s*\"?50\"?[,}\\s]", stored);
        Assert.Matches("\"maxDeactivations\":\\s*\"none\"", stored);
        await Expect(page.GetByLabel(Deactivations)).ToHaveValueAsync("none");
    }

    [Fact]
    public async Task A_change_of_the_match_keys_that_loosens_a_limit_and_deactivates_people_is_saved_only_after_each_is_confirmed()
    {
        await using var ui = await StartSyncedAsync(browser);
        var leaving = LookupsAndGroupsTests.FirstActive(ui);
        await ui.SignInAsAdminAsync();
        var page = ui.Page;
        await page.GotoAsync("/integrations/hr/policy");

        await page.GetByLabel("Rule 1 attribute").FillAsync("id");
        await page.GetByLabel("Rule 1 test").SelectOptionAsync("notIn");
        await page.GetByLabel("Rule 1 values").FillAsync(leaving);
        await page.GetByLabel(Deactivations).FillAsync("40");
        await page.GetByLabel("Match first by").SelectOptionAsync("email");
        await page.Locator("#matchBy-1").SelectOptionAsync("externalId");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deactivations per run: from 25 to 40");
        await Expect(page.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("Match by");

        // Each yes is carried while the next question is asked, and nothing is stored until the last.
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save and loosen the limits" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("Match by: from externalId, email, userName to email, externalId, userName");
        await Expect(page.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("Saving loosens");
        Assert.DoesNotContain("\"matchBy\"", await StoredAsync(ui), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save and change the matching" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Saving deactivates 1 person");
        var unsaved = await StoredAsync(ui);
        Assert.DoesNotContain("\"matchBy\"", unsaved, StringComparison.Ordinal);
        Assert.DoesNotContain("maxDeactivations", unsaved, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save and deactivate 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        var stored = await StoredAsync(ui);
        Assert.Matches("\"matchBy\":\\s*\\[\\s*\"email\",\\s*\"externalId\",\\s*\"userName\"\\s*\\]", stored);
        Assert.Matches("\"maxDeactivations\":\\s*\"?40\"?[,}\\s]", stored);
        Assert.Contains(leaving, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_is_loosened_and_confirmed_with_the_keyboard_alone()
    {
        await using var ui = await StartSyncedAsync(browser);
        await ui.SignInAsAdminAsync();
        var page = ui.Page;
        await page.GotoAsync("/integrations/hr/policy");

        await KeyboardTests.TabToAsync(page, Deactivations);
        await page.Keyboard.TypeAsync("30");
        await KeyboardTests.TabToAsync(page, "Save…");
        await KeyboardTests.PressAsync(page, "Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deactivations per run: from 25 to 30");
        await KeyboardTests.TabToAsync(page, "Yes, save and loosen the limits");
        await KeyboardTests.PressAsync(page, "Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        Assert.Matches("\"maxDeactivations\":\\s*\"?30\"?[,}\\s]", await StoredAsync(ui));
    }
}
