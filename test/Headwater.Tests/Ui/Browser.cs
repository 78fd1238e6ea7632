using System.Text.Json;
using Headwater.Testing;
using Microsoft.Playwright;

namespace Headwater.Tests.Ui;

/// <summary>Debian's headless chromium driven by Playwright, started once for every browser test, and axe-core (from
/// npm, test/ui-tools) to inject into pages. Either missing fails the tests with the step that installs it.</summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chrome { get; private set; } = default!;

    /// <summary>axe-core's script, evaluated in a page before it is checked.</summary>
    public string Axe { get; private set; } = "";

    /// <summary>Where screenshots of the main screens go: under the test output.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"The browser tests need Debian's chromium at {Chromium}: apt-get install chromium "
                + "(./test.sh installs it when missing).");
        }
        var axe = Path.Combine(Repository.Root(), "test", "ui-tools", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe))
        {
            throw new InvalidOperationException($"The browser tests need axe-core at {axe}: run npm ci in test/ui-tools "
                + "(./test.sh does).");
        }
        Axe = await File.ReadAllTextAsync(axe);
        Directory.CreateDirectory(Screenshots);
        // Patient on a loaded machine (two cores shared with builds): a step waits up to 30 s, not Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Chrome = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in a container has no user namespace for chromium's sandbox.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Chrome.DisposeAsync();
            _playwright.Dispose();
        }
    }

    /// <summary>Fails with every axe-core violation on the page (rule, what it asks, where).</summary>
    public async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync(Axe);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
                .map(v => `${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"axe-core found on {page.Url}:\n{string.Join('\n', found)}");
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png under <see cref="Screenshots"/>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
}

/// <summary>The browser tests share one browser and run one after another (each starts its own service).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<Browser>
{
    public const string Name = "Browser";
}
