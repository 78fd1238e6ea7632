using System.Text.Json;
using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Headwater.Tests.Ui.DestinationsPageTests;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>The Destinations page's sections (SCIM <c>compatibility</c> and <c>retries</c>, LDAP <c>disable</c> and
/// <c>unique</c>): edited as groups of fields with the keyboard, each key with its label, YAML key and hint, saved through
/// the integration's validator with a problem beside its field, and secrets never shown.</summary>
[Collection(BrowserGroup.Name)]
public sealed class DestinationSectionsTests(Browser browser)
{
    private const string LdapPasswordVariable = "DIRECTORY_LDAP_PASSWORD";

    [Fact]
    public async Task Scim_compatibility_and_retries_are_edited_with_the_keyboard_and_a_wrong_page_size_is_shown_beside_its_field()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        await ui.Service.CreateAsync("hr", ui.Service.Yaml("hr", ServiceScenario.Unscheduled));
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr/destinations");
        var page = ui.Page;
        var app = Destination(page, "app");
        await Expect(app.Locator("label[for=d0-url]")).ToHaveTextAsync("Service URL url");
        await Expect(app.GetByRole(AriaRole.Group, new() { Name = "Compatibility compatibility" })).ToBeVisibleAsync();
        await Expect(app.Locator("#d0-compatibility-pageSize-hint")).ToContainTextAsync("1 to 1000");

        // From the URL, Tab reaches every field of the sections in the order they are read.
        await app.Locator("#d0-url").FocusAsync();
        var order = new List<string>();
        await KeyboardTests.TabToAsync(page, "Page size pageSize", visited: order);
        Assert.Equal(["Update method update", "Booleans as strings booleansAsStrings", "Page size pageSize"],
            order.SkipWhile(n => n != "Update method update"));
        await page.Keyboard.TypeAsync("5000");
        await KeyboardTests.TabToAsync(page, "Filters filters");
        await page.Keyboard.TypeAsync("userName");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("externalId");
        await KeyboardTests.TabToAsync(page, "Most retries max");
        await page.Keyboard.TypeAsync("3");
        await KeyboardTests.TabToAsync(page, "Save", visited: null);
        await KeyboardTests.PressAsync(page, "Enter");

        var pageSize = Destination(page, "app").Locator("#d0-compatibility-pageSize");
        await Expect(pageSize).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Destination(page, "app").Locator("#d0-compatibility-pageSize-error")).ToContainTextAsync("1000");
        await Expect(pageSize).ToHaveValueAsync("5000");
        await Expect(Destination(page, "app").Locator("#d0-retries-max")).ToHaveValueAsync("3");
        await Expect(page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("Not saved");
        Assert.False((await Destinations(ui))[0].TryGetProperty("compatibility", out _));
        await browser.AssertAccessibleAsync(page);

        await pageSize.FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("50");
        await KeyboardTests.TabToAsync(page, "Save");
        await KeyboardTests.PressAsync(page, "Enter");

        await Expect(page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("Saved.");
        var stored = (await Destinations(ui))[0];
        Assert.Equal("50", stored.GetProperty("compatibility").GetProperty("pageSize").ToString());
        Assert.Equal(["userName", "externalId"],
            stored.GetProperty("compatibility").GetProperty("filters").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("3", stored.GetProperty("retries").GetProperty("max").ToString());
        Assert.False(stored.GetProperty("retries").TryGetProperty("delaySeconds", out _));
        await Expect(Destination(page, "app").Locator("#d0-compatibility-filters")).ToHaveValueAsync("userName\nexternalId");
        await Expect(Destination(page, "app").Locator("#d0-token")).ToHaveValueAsync("");
        Assert.DoesNotContain(ui.Service.Scim.BearerToken, await page.ContentAsync(), StringComparison.Ordinal);
        await browser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Ldap_unique_candidates_are_one_expression_a_line_and_a_disable_marker_without_its_value_is_shown_beside_it()
    {
        await using var ui = await UiScenario.StartAsync(browser);
        var values = ui.Service.Values;
        values[LdapPasswordVariable] = "directory-password";
        var yaml = ui.Service.Yaml("hr", ServiceScenario.Unscheduled) + $"""

              - name: directory
                type: ldap
                url: ldaps://directory.example.com
                bindDn: cn=headwater,dc=example,dc=com
                password: ${"{"}{LdapPasswordVariable}{"}"}
                baseDn: dc=example,dc=com
            """;
        using (var created = await ui.Service.PutAsync("hr", yaml, values))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        await ui.SignInAsAdminAsync();
        await ui.Page.GotoAsync("/integrations/hr/destinations");
        var directory = Destination(ui.Page, "directory");

        await Expect(directory.Locator("label[for=d1-bindDn]")).ToHaveTextAsync("Bind DN bindDn");
        await directory.Locator("#d1-unique-0-name").FillAsync("uid");
        await directory.Locator("#d1-unique-0-lines").FillAsync("lower(firstName + '.' + lastName)\nlower(lastName");
        await directory.Locator("#d1-disable-attribute").FillAsync("description");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        directory = Destination(ui.Page, "directory");
        await Expect(directory.Locator("#d1-disable-value")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(directory.Locator("#d1-disable-value-error")).ToContainTextAsync("required");
        await Expect(directory.Locator("#d1-unique-0-lines")).ToHaveValueAsync("lower(firstName + '.' + lastName)\nlower(lastName");
        await Expect(directory.Locator("#d1-unique-0-lines")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(directory.Locator("#d1-unique-0-error")).ToContainTextAsync("uid#2:");
        await Expect(directory).Not.ToContainTextAsync("mapping: uid#2");
        await browser.AssertAccessibleAsync(ui.Page);

        await directory.Locator("#d1-unique-0-lines").FillAsync("lower(firstName + '.' + lastName)\nlower(lastName)");
        await directory.Locator("#d1-disable-attribute").FillAsync("");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Status).Last).ToContainTextAsync("Saved.");
        var stored = (await Destinations(ui))[1];
        Assert.Equal(["lower(firstName + '.' + lastName)", "lower(lastName)"],
            stored.GetProperty("unique").GetProperty("uid").EnumerateArray().Select(c => c.GetString()));
        Assert.False(stored.TryGetProperty("disable", out _));
        Assert.Equal($"${{{LdapPasswordVariable}}}", stored.GetProperty("password").GetString());
        directory = Destination(ui.Page, "directory");
        await Expect(directory.Locator("#d1-unique-0-name")).ToHaveValueAsync("uid");
        await Expect(directory.Locator("#d1-unique-1-name")).ToHaveValueAsync("");
        Assert.DoesNotContain("directory-password", await ui.Page.ContentAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> Destinations(UiScenario ui) =>
        [.. (await ui.Service.GetAsync("/api/integrations/hr")).GetProperty("configuration").GetProperty("destinations").EnumerateArray()];
}
