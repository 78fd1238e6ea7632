using System.Reflection;
using Headwater.Data;
using Headwater.Reports;
using Headwater.Service;
using Microsoft.AspNetCore.Builder;
using Headwater.Integrations;
using Headwater.Ui.Pages;
using Headwater.Ui.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Ui;

/// <summary>
/// The web admin UI at <c>/</c>: Razor components rendered on the server (static SSR, forms with antiforgery), signed in
/// by a cookie issued for an API token. Pages call the same application code as the admin API, never the API itself.
/// </summary>
public static class AdminUi
{
    public const string Scheme = "HeadwaterUi";
    public const string Policy = "ui";
    public const string CookieName = "headwater_ui";
    public const string SignInPath = "/signin";

    /// <summary>The UI's pages never go to a browser cache or another origin; styles and scripts come from here only.</summary>
    private const string SecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /// <param name="services">The service's services.</param>
    public static IServiceCollection AddAdminUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<WorkerColumnsCache>();
        services.AddHostedService<WorkerColumnsAtStart>();
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SameSite = SameSiteMode.Strict);
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the page came over https; a loopback http service still works.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = SignInPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = UiSession.ValidateAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy =>
            policy.AddAuthenticationSchemes(Scheme).RequireClaim(TokenAuthentication.ScopeClaim, ApiScopes.Read));
        return services;
    }

    /// <param name="app">The service's pipeline, after authentication and authorization.</param>
    public static WebApplication MapAdminUi(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/health"))
            {
                context.Response.Headers.ContentSecurityPolicy = SecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "no-referrer";
            }
            return next(context);
        });
        app.UseAntiforgery();
        app.MapRazorComponents<App>().RequireAuthorization(Policy);
        app.MapGet("/ui/{file}", Asset).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/signout", UiSession.SignOutAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        app.MapGet("/runs/{id:int}/outcomes.csv", RunOutcomesAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        app.MapPost("/integrations/{name}/mapping/preview", MappingPreviewAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        app.MapPost("/integrations/{name}/policy/preview", PolicyPreviewAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        // The base URL as it will be used, for the Connect page to show while it is typed.
        app.MapGet("/fragments/base-url", (string? value) => TypedResults.Text(UiText.BaseUrlUsed(value), "text/plain; charset=utf-8"))
            .RequireAuthorization(Policy).ExcludeFromDescription();
        return app;
    }

    /// <summary>A run's outcomes as the API's CSV report (<c>?status=</c> for one outcome), for a signed-in browser.</summary>
    private static async Task<IResult> RunOutcomesAsync(int id, HeadwaterDb db, CancellationToken cancellationToken, string? status = null)
    {
        if (await RunsApi.ChangesOf(id, db, cancellationToken) is not { } changes)
        {
            return TypedResults.NotFound();
        }
        changes = RunsApi.Filter(changes, status, null, null, null, null);
        return RunsApi.Report(RunReport.Rows(db, changes), ReportFormat.Csv, $"run-{id}-outcomes.csv", cancellationToken);
    }

    /// <summary>The Mapping page's preview alone, for its form as posted (nothing saved), so ui.js can refresh it as one types.</summary>
    private static async Task<IResult> MappingPreviewAsync(string name, IFormCollection form, HeadwaterDb db, CancellationToken cancellationToken)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record
            || MappingPage.DestinationIndex(record.Model(), form["Destination"]) is not (>= 0 and var index))
        {
            return TypedResults.NotFound();
        }
        var mapping = MappingForm.Read(form);
        var preview = await MappingPreview.ComputeAsync(db, record, index, mapping, form["Worker"], form["Pick"], cancellationToken);
        return new RazorComponentResult<MappingPreviewView>(new Dictionary<string, object?>
        {
            [nameof(MappingPreviewView.Preview)] = preview,
            [nameof(MappingPreviewView.Rows)] = mapping.Rows,
            [nameof(MappingPreviewView.Integration)] = record.Name,
        });
    }

    /// <summary>The Policy page's scope count alone, for its form as posted (nothing saved), for ui.js.</summary>
    private static async Task<IResult> PolicyPreviewAsync(string name, IFormCollection form, HeadwaterDb db, WorkerColumnsCache columns,
        CancellationToken cancellationToken)
    {
        if (await IntegrationsApi.Find(db, name, cancellationToken) is not { } record
            || MappingPage.DestinationIndex(record.Model(), form["Destination"]) is not (>= 0 and var index))
        {
            return TypedResults.NotFound();
        }
        var preview = await PolicyPreview.ComputeAsync(db, columns, record, index, PolicyForm.Read(form), cancellationToken);
        return new RazorComponentResult<PolicyPreviewView>(new Dictionary<string, object?> { [nameof(PolicyPreviewView.Preview)] = preview });
    }

    private static IResult Asset(string file)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Headwater.Ui.{file}");
        if (stream is null)
        {
            return TypedResults.NotFound();
        }
        var type = Path.GetExtension(file) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => "application/octet-stream",
        };
        return TypedResults.Stream(stream, type);
    }
}
