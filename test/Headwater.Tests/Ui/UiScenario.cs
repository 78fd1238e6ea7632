using Headwater.Tests.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Headwater.Tests.Ui;

/// <summary>A service listening on a loopback port, as <c>headwater serve</c> does, with the simulated UKG tenant and
/// SCIM application, and a browser page on it.</summary>
public sealed class UiScenario : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private UiScenario(ServiceScenario service, IBrowserContext context, IPage page)
    {
        Service = service;
        _context = context;
        Page = page;
    }

    public ServiceScenario Service { get; }
    public IPage Page { get; }
    public IBrowserContext Context => _context;

    /// <summary>The service's address.</summary>
    public string Url => Service.Service.Url;

    /// <param name="browser">The shared browser.</param>
    /// <param name="employees">The UKG tenant's size.</param>
    public static async Task<UiScenario> StartAsync(Browser browser, int employees = 12)
    {
        ArgumentNullException.ThrowIfNull(browser);
        // Port 0: the system gives a free port and the service prints where it listens, as serve does.
        var service = await ServiceScenario.StartAsync(employees, urls: "http://127.0.0.1:0");
        var context = await browser.Chrome.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            BaseURL = service.Service.Url,
        });
        context.SetDefaultTimeout(60_000);
        return new UiScenario(service, context, await context.NewPageAsync());
    }

    /// <summary>Signs in on the sign-in page with <paramref name="token"/> and waits for the integrations page.</summary>
    public async Task SignInAsync(string token)
    {
        await Page.GotoAsync("/signin");
        await Page.GetByLabel("API token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Signs in with the scenario's admin token.</summary>
    public Task SignInAsAdminAsync() => SignInAsync(Service.Admin.DefaultRequestHeaders.Authorization!.Parameter!);

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await Service.DisposeAsync();
    }
}
