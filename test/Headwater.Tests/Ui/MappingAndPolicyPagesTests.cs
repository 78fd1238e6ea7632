using System.Text.RegularExpressions;
using Headwater.Service;
using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>The Mapping page (rows edited, a live preview on a stored worker before saving, problems beside their rows)
/// and the Policy page (a live count of who is in scope, and a confirmation that says how many a narrower scope
/// deactivates).</summary>
[Collection(BrowserGroup.Name)]
public sealed class MappingAndPolicyPagesTests(Browser browser)
{
    [Fact]
    public async Task The_mapping_preview_follows_unsaved_rows_on_a_real_worker_and_a_bad_row_is_named_beside_it()
    {
        await using var ui = await StartSyncedAsync();
        var hostile = HostileNames.Give(ui.Service.Ukg.Tenant);
        await SyncAsync(ui);
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr/mapping");
        await Expect(Row(ui, "userName").GetByLabel(Expression)).ToHaveValueAsync("lower(coalesce(email, employeeNumber))");

        // Typing a name picks that worker; the preview follows without a click and shows the name as text.
        var (_, script) = hostile[0];
        await ui.Page.GetByLabel("Preview with the worker").FillAsync("<script>");
        var preview = ui.Page.Locator("#mapping-preview");
        await Expect(preview.Locator("strong").First).ToHaveTextAsync(script);
        await Row(ui, "name.familyName").GetByLabel(Expression).FillAsync("upper(lastName)");
        await Expect(Value(preview, "name.familyName")).ToHaveTextAsync("<B>BOLD</B>");

        // A value outside its allowed values, and a required value left empty, are warned about before saving.
        var added = await Spare(ui, 0, "nickName", "'Here'", choices: "Away; Back");
        await Expect(preview).ToContainTextAsync("nickName: 'Here' is not one of the allowed values 'Away', 'Back'");
        await Row(ui, "userName").GetByLabel(Expression).FillAsync("null");
        await Expect(preview).ToContainTextAsync("userName is required and is empty for this worker");
        Assert.DoesNotContain("upper(lastName)", await StoredAsync(ui), StringComparison.Ordinal);

        // A bad expression is named beside its row when saving, and nothing is saved.
        await Row(ui, "userName").GetByLabel(Expression).FillAsync("lower(coalesce(email, employeeNumber))");
        await ui.Page.GetByLabel($"Row {added} {Expression}").FillAsync("lowr(firstName)");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        var bad = Row(ui, "nickName").GetByLabel(Expression);
        await Expect(bad).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(ui.Page.Locator($"#{await bad.GetAttributeAsync("aria-describedby")}")).ToContainTextAsync("unknown function 'lowr'");
        Assert.DoesNotContain("upper(lastName)", await StoredAsync(ui), StringComparison.Ordinal);

        await Row(ui, "nickName").GetByLabel(Expression).FillAsync("lower(firstName)");
        await Row(ui, "nickName").GetByLabel("allowed values").FillAsync("");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        var stored = await StoredAsync(ui);
        Assert.Contains("upper(lastName)", stored, StringComparison.Ordinal);
        Assert.Contains("lower(firstName)", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("coalesce(email", stored, StringComparison.Ordinal); // unchanged defaults stay defaults
        await Expect(Row(ui, "name.familyName").GetByLabel(Expression)).ToHaveValueAsync("upper(lastName)");
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "mapping");
    }

    [Fact]
    public async Task A_read_token_previews_a_mapping_without_script_and_cannot_save_it()
    {
        await using var ui = await StartSyncedAsync();
        await ui.SignInAsync(await ui.Service.Service.CreateToken(ApiScopes.Read, "viewer"));
        await ui.Context.RouteAsync("**/ui.js", route => route.AbortAsync()); // the page without its script
        await ui.Page.GotoAsync("/integrations/hr/mapping");
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToBeDisabledAsync();

        await Row(ui, "title").GetByLabel(Expression).FillAsync("'Fixed title'");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Expect(Value(ui.Page.Locator("#mapping-preview"), "title")).ToHaveTextAsync("Fixed title");
        Assert.DoesNotContain("Fixed title", await StoredAsync(ui), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(ui.Page);
    }

    [Fact]
    public async Task The_policy_page_counts_the_scope_as_it_is_typed_and_asks_before_deactivating_people()
    {
        await using var ui = await StartSyncedAsync();
        var hostile = HostileNames.Give(ui.Service.Ukg.Tenant);
        await SyncAsync(ui);
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr/policy");
        await Expect(ui.Page.Locator("#scope-in")).ToContainTextAsync("12 in scope");
        await Expect(ui.Page.Locator("#scope-out")).ToContainTextAsync("0 out of scope");

        // A value the validator refuses is named beside its field.
        await ui.Page.GetByLabel("Some days before the hire date").CheckAsync();
        await ui.Page.GetByLabel("Days before the hire date", new() { Exact = true }).FillAsync("400");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Count" }).ClickAsync();
        await Expect(ui.Page.Locator("#days-error")).ToContainTextAsync("365");
        await ui.Page.GetByLabel("Days before the hire date", new() { Exact = true }).FillAsync("7");

        // Narrowing the scope: the count follows as it is typed, with the names left out shown as text.
        var ids = hostile.Take(2).Select(h => h.EmployeeId).ToList();
        await ui.Page.GetByLabel("Rule 1 attribute").FillAsync("id");
        await ui.Page.GetByLabel("Rule 1 test").SelectOptionAsync("notIn");
        await ui.Page.GetByLabel("Rule 1 values").FillAsync(string.Join("; ", ids));
        await Expect(ui.Page.Locator("#scope-out")).ToContainTextAsync("2 out of scope");
        await Expect(ui.Page.Locator("#scope-in")).ToContainTextAsync("10 in scope");
        await Expect(ui.Page.Locator("#policy-preview").GetByText(hostile[0].Name, new() { Exact = true })).ToBeVisibleAsync();

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save…" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Saving deactivates 2 people");
        await browser.AssertAccessibleAsync(ui.Page);
        await Browser.ScreenshotAsync(ui.Page, "policy");
        Assert.DoesNotContain("notIn", await StoredAsync(ui), StringComparison.Ordinal);

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Yes, save and deactivate 2" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        var stored = await StoredAsync(ui);
        Assert.Contains("notIn", stored, StringComparison.Ordinal);
        Assert.Matches("\"daysBeforeHire\":\\s*\"?7\"?[,}]", stored);
        await Expect(ui.Page.GetByLabel("Rule 1 values")).ToHaveValueAsync(string.Join("; ", ids));
    }

    internal const string Expression = "UKG attribute or expression";

    /// <summary>A stored integration <c>hr</c> (12 employees) after one sync, so its workers are stored.</summary>
    internal static async Task<UiScenario> StartSyncedAsync(Browser browser, string extra = "")
    {
        var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled + "\n  syncNowLimit: 0") + extra);
        await SyncAsync(ui);
        return ui;
    }

    private Task<UiScenario> StartSyncedAsync() => StartSyncedAsync(browser);

    internal static async Task SyncAsync(UiScenario ui)
    {
        var accepted = await ui.Service.PostAsync("/api/integrations/hr/sync");
        await ui.Service.WaitForRunAsync(accepted.GetProperty("runId").GetInt32());
    }

    /// <summary>The mapping row whose destination attribute is <paramref name="target"/>.</summary>
    internal static ILocator Row(UiScenario ui, string target) =>
        ui.Page.Locator("table.mapping tbody tr").Filter(new() { Has = ui.Page.Locator($"input[name$='.Target'][value='{target}']") });

    /// <summary>The preview's value for <paramref name="target"/>.</summary>
    internal static ILocator Value(ILocator preview, string target) =>
        preview.GetByRole(AriaRole.Row).Filter(new() { Has = preview.Page.GetByText(target, new() { Exact = true }) }).Locator("td");

    /// <summary>Fills the <paramref name="index"/>th blank row.</summary>
    /// <returns>The row's number.</returns>
    internal static async Task<string> Spare(UiScenario ui, int index, string target, string expression, string choices = "")
    {
        var blank = ui.Page.Locator("table.mapping tbody tr").Filter(new() { Has = ui.Page.Locator("input[name$='.Target'][value='']") })
            .Nth(index);
        var n = Regex.Match(await blank.Locator("input[name$='.Target']").GetAttributeAsync("aria-label") ?? "", @"\d+").Value;
        await blank.GetByLabel("destination attribute").FillAsync(target);
        await ui.Page.GetByLabel($"Row {n} {Expression}").FillAsync(expression);
        await ui.Page.GetByLabel($"Row {n} allowed values").FillAsync(choices);
        return n;
    }

    /// <summary>The integration's stored configuration, as the API returns it.</summary>
    internal static async Task<string> StoredAsync(UiScenario ui) =>
        (await ui.Service.GetAsync("/api/integrations/hr")).GetProperty("configuration").GetRawText();
}
