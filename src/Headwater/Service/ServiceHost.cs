using Headwater.Data;
using Headwater.Scheduling;
using Headwater.Telemetry;
using Headwater.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Headwater.Service;

/// <summary>
/// The composition of <c>headwater serve</c>, shared by the command and the tests: <see cref="CreateBuilder"/> registers
/// everything (a test then swaps the server or the database), <see cref="Build"/> lays out the pipeline and endpoints,
/// <see cref="StartAsync"/> prepares the database, starts listening and prints what a shell needs.
/// </summary>
public static class ServiceHost
{
    public const string DefaultUrls = "http://127.0.0.1:5090";

    /// <summary>Long enough for a running sync to reach a safe point.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <param name="data">Where state is kept; the key ring is kept beside it unless configured.</param>
    /// <param name="urls">Where to listen (<c>;</c>-separated); port 0 picks a free port.</param>
    /// <param name="time">The clock schedules run on (a test's fake one); the system's by default.</param>
    public static WebApplicationBuilder CreateBuilder(DataOptions data, string urls, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "Headwater",
            // Not the working directory: an appsettings.json there belongs to someone else.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("HEADWATER_");
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Standard output carries only HEADWATER_URL= and HEADWATER_TOKEN=, for a shell to eval; logs go to standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // As the ASP.NET Core templates do: every SQL command and request at Information drowns what matters.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning)
            .AddFilter("Quartz", LogLevel.Warning);
        builder.Services.AddHeadwaterTelemetry(builder.Configuration);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddOptions<ServiceOptions>().BindConfiguration(ServiceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        time ??= TimeProvider.System;
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(services => new ServiceStarted(services.GetRequiredService<TimeProvider>().GetUtcNow()));

        // With the Data Protection key ring that encrypts stored secrets (HEADWATER_KEYS, else keys/ in the data directory),
        // made owner-only at start: the service protects secrets from its first request on.
        builder.Services.AddHeadwaterData(data);
        PrivateFiles.CreateDirectory(data.KeysPath);

        builder.Services.AddProblemDetails();
        builder.Services.AddTokenAuthentication();
        builder.Services.AddApiLimits();
        builder.Services.AddServiceHealth();
        builder.Services.AddServiceOpenApi();
        builder.Services.AddIntegrationScheduling(builder.Configuration, data);
        builder.Services.AddAdminUi();
        return builder;
    }

    /// <param name="builder">From <see cref="CreateBuilder"/>.</param>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        // Without a custom handler: ProblemDetails with a status and trace id, never the exception.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapServiceHealth();
        app.MapOpenApi();
        app.MapStatusApi();
        app.MapTokensApi();
        app.MapIntegrationsApi();
        app.MapRunsApi();
        app.MapConnectionApi();
        app.MapPlansApi();
        app.MapWorkersApi();
        app.MapEventsApi();
        app.MapAdminUi();
        return app;
    }

    /// <summary>Upgrades or checks the database, creates the first admin token on an empty one, starts listening and
    /// prints <c>HEADWATER_URL=</c> and (with a new token) <c>HEADWATER_TOKEN=</c>, each alone on a line.</summary>
    /// <param name="app">From <see cref="Build"/>.</param>
    /// <param name="output">Where to print the lines.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task StartAsync(WebApplication app, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(output);
        // Settings first, before the database is touched; and here, not in the host, which would log a stack trace.
        _ = app.Services.GetRequiredService<IOptions<ServiceOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        await db.PrepareAsync(cancellationToken);
        _ = app.Services.GetRequiredService<ServiceStarted>();
        await app.StartAsync(cancellationToken);
        // Only once it listens: a token created by a start that then failed (settings, port) would never be printed.
        var firstToken = await ApiTokens.CreateFirstAsync(db, app.Services.GetRequiredService<TimeProvider>(), cancellationToken);
        await output.WriteLineAsync($"HEADWATER_URL={Url(app)}");
        if (firstToken is not null)
        {
            await output.WriteLineAsync($"HEADWATER_TOKEN={firstToken}");
        }
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>The first address actually bound (with the port picked for port 0).</summary>
    private static string Url(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } bound
            ? bound.TrimEnd('/')
            : "http://localhost";
}
