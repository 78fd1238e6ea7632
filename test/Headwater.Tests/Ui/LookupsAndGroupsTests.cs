using Headwater.Simulator.Tenants;
using Microsoft.Playwright;
using static Headwater.Tests.Ui.MappingAndPolicyPagesTests;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>The Mapping page's lookup tables, group rules and defaults switch: edited in rows, used by the live preview,
/// each problem beside its row, and stored through the same validator as the API.</summary>
[Collection(BrowserGroup.Name)]
public sealed class LookupsAndGroupsTests(Browser browser)
{
    [Fact]
    public async Task Lookup_entries_and_group_rules_are_previewed_checked_beside_their_rows_saved_and_removed()
    {
        await using var ui = await StartSyncedAsync(browser);
        var id = await OpenPreviewingFirstActiveAsync(ui);
        var page = ui.Page;
        var preview = page.Locator("#mapping-preview");

        // A table typed in, read by a mapping row and by a group rule: the preview shows both for the worker.
        await Entry(page, 1, "badges", id, "Gold");
        await Row(ui, "title").GetByLabel(Expression).FillAsync("lookup('badges', id)");
        await page.GetByLabel("Group rule 1 expression").FillAsync("lookup('badges', id)");
        await page.GetByLabel("Group rule 1 name").FillAsync("Badge");
        await Expect(preview).ToContainTextAsync("Group rule 1: name: the name 'Badge' needs {}");
        await page.GetByLabel("Group rule 1 name").FillAsync("Badge: {}");
        await Expect(Value(preview, "title")).ToHaveTextAsync("Gold");
        await Expect(preview.Locator(".group")).ToHaveTextAsync("Badge: Gold");
        await Browser.ScreenshotAsync(page, "mapping-lookups-groups");

        // A key given twice in one table is named beside the second entry, and nothing is saved.
        await Entry(page, 2, "Badges", id, "Silver");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Entry 2 key")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#lookup-1-error")).ToContainTextAsync($"'{id}' is also a key of this table in row 1");
        Assert.DoesNotContain("Gold", await StoredAsync(ui), StringComparison.Ordinal);

        await page.GetByLabel("Remove entry 2").CheckAsync();
        var stored = await SavedAsync(ui);
        Assert.Contains("\"badges\"", stored, StringComparison.Ordinal);
        Assert.Contains("Gold", stored, StringComparison.Ordinal);
        Assert.Contains("Badge: {}", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Silver", stored, StringComparison.Ordinal);
        await Expect(page.GetByLabel("Entry 1 value")).ToHaveValueAsync("Gold");
        await Expect(page.GetByLabel("Group rule 1 name")).ToHaveValueAsync("Badge: {}");
        await browser.AssertAccessibleAsync(page);

        // Removing the table while a row still reads it is named beside that row; removed with its readers, it is gone.
        await page.GetByLabel("Remove entry 1").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        var title = Row(ui, "title").GetByLabel(Expression);
        await Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator($"#{await title.GetAttributeAsync("aria-describedby")}")).ToContainTextAsync("no lookup table named 'badges'");
        await Expect(page.Locator("#group-0-error")).ToContainTextAsync("no lookup table named 'badges'");
        await title.FillAsync("'Staff'");
        await page.GetByLabel("Remove group rule 1").CheckAsync();
        stored = await SavedAsync(ui);
        Assert.DoesNotContain("badges", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("\"groups\"", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_named_alone_is_kept_with_no_entries_and_is_not_removed_while_an_expression_reads_it()
    {
        await using var ui = await StartSyncedAsync(browser);
        var id = await OpenPreviewingFirstActiveAsync(ui);
        var page = ui.Page;

        // A table with no entries yet: read with a default, which the preview gives, and stored as an empty table.
        await page.GetByLabel("Entry 1 table").FillAsync("badges");
        await Row(ui, "title").GetByLabel(Expression).FillAsync("lookup('badges', id, 'Staff')");
        await Expect(Value(page.Locator("#mapping-preview"), "title")).ToHaveTextAsync("Staff");
        Assert.Matches("\"badges\":\\s*\\{\\s*\\}", await SavedAsync(ui));
        await Expect(page.GetByLabel("Entry 1 table")).ToHaveValueAsync("badges");
        await Expect(page.GetByLabel("Entry 1 key")).ToHaveValueAsync("");

        // Saved again as the page shows it, the empty table stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nothing changed.");
        Assert.Matches("\"badges\":\\s*\\{\\s*\\}", await StoredAsync(ui));

        // Removing it while the title reads it is refused, said beside the title and beside the table's row.
        await page.GetByLabel("Remove entry 1").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.Locator("#lookup-0-error")).ToContainTextAsync("an expression reads the table 'badges'");
        await Expect(page.GetByLabel("Entry 1 table")).ToHaveAttributeAsync("aria-invalid", "true");
        var title = Row(ui, "title").GetByLabel(Expression);
        var titleError = page.Locator($"#{await title.GetAttributeAsync("aria-describedby")}");
        await Expect(titleError).ToContainTextAsync("no lookup table named 'badges'");
        await browser.AssertAccessibleAsync(page);
        Assert.Matches("\"badges\":\\s*\\{\\s*\\}", await StoredAsync(ui));
    }

    [Fact]
    public async Task Turning_the_defaults_off_writes_every_row_and_turning_them_back_on_writes_only_what_differs()
    {
        await using var ui = await StartSyncedAsync(browser);
        await ui.SignInAsAdminAsync();
        var page = ui.Page;
        await page.GotoAsync("/integrations/hr/mapping");
        var defaults = page.GetByLabel("Start from the scim defaults");

        await defaults.UncheckAsync();
        var stored = await SavedAsync(ui);
        Assert.Matches("\"defaults\":\\s*\"?false", stored);
        Assert.Contains("lower(coalesce(email, employeeNumber))", stored, StringComparison.Ordinal);
        await Expect(defaults).Not.ToBeCheckedAsync();

        await defaults.CheckAsync();
        stored = await SavedAsync(ui);
        Assert.DoesNotContain("defaults", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("coalesce(email", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_entries_and_group_rules_are_added_and_saved_with_the_keyboard_alone()
    {
        await using var ui = await StartSyncedAsync(browser);
        await ui.SignInAsAdminAsync();
        var page = ui.Page;
        await page.GotoAsync("/integrations/hr/mapping");

        await KeyboardTests.TabToAsync(page, "Entry 1 table");
        await page.Keyboard.TypeAsync("regions");
        await KeyboardTests.TabToAsync(page, "Entry 1 key");
        await page.Keyboard.TypeAsync("NY");
        await KeyboardTests.TabToAsync(page, "Entry 1 value");
        await page.Keyboard.TypeAsync("East");
        await KeyboardTests.TabToAsync(page, "Group rule 1 expression");
        await page.Keyboard.TypeAsync("lookup('regions', 'ny')");
        await KeyboardTests.TabToAsync(page, "Group rule 1 name");
        await page.Keyboard.TypeAsync("Region: {}");
        await KeyboardTests.TabToAsync(page, "Save");
        await KeyboardTests.PressAsync(page, "Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        var stored = await StoredAsync(ui);
        Assert.Contains("East", stored, StringComparison.Ordinal);
        Assert.Contains("Region: {}", stored, StringComparison.Ordinal);
        await Expect(page.Locator("#mapping-preview .group")).ToHaveTextAsync("Region: East");
    }

    /// <summary>The employee ID of the tenant's first active employee (one the sync stored).</summary>
    internal static string FirstActive(UiScenario ui) =>
        ui.Service.Ukg.Tenant.Snapshot().ToArray().First(r => r.StatusCode == EmployeeStatus.Active && r.IsHomeCompany).EmployeeId;

    /// <summary>Signs in as an admin and opens the Mapping page, previewing with the first active employee (whose ID it gives).</summary>
    private static async Task<string> OpenPreviewingFirstActiveAsync(UiScenario ui)
    {
        var id = FirstActive(ui);
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr/mapping");
        await ui.Page.GetByLabel("Preview with the worker").FillAsync(id);
        return id;
    }

    /// <summary>Saves the form, waits for it to be saved, and returns the stored configuration.</summary>
    private static async Task<string> SavedAsync(UiScenario ui)
    {
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        return await StoredAsync(ui);
    }

    private static async Task Entry(IPage page, int n, string table, string key, string value)
    {
        await page.GetByLabel($"Entry {n} table").FillAsync(table);
        await page.GetByLabel($"Entry {n} key").FillAsync(key);
        await page.GetByLabel($"Entry {n} value").FillAsync(value);
    }
}
