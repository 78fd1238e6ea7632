using System.Collections.Concurrent;
using Headwater.Telemetry;
using Headwater.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Headwater.Tests.Telemetry;

public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Without_an_endpoint_no_telemetry_provider_is_registered()
    {
        await using var services = Services(new Dictionary<string, string?>());

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public async Task With_an_endpoint_spans_are_exported_there_over_otlp(string setting)
    {
        await using var collector = await Collector.StartAsync();
        await using var services = Services(new Dictionary<string, string?>
        {
            [setting] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        var tracer = services.GetRequiredService<TracerProvider>();
        RunTelemetry.Source.StartActivity("export test")?.Dispose();
        Assert.True(tracer.ForceFlush());

        await collector.WaitFor("traces");
    }

    [Fact]
    public async Task A_sync_from_the_command_line_exports_its_spans_and_metrics_when_an_endpoint_is_set()
    {
        await using var collector = await Collector.StartAsync();
        await using var sync = await SyncCli.StartAsync(employees: 10);
        var environment = sync.Environment();
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        using var cli = new CliHarness(environment);

        var result = await cli.Run("sync");

        Assert.Equal(0, result.Exit);
        await collector.WaitFor("traces");
        await collector.WaitFor("metrics");
    }

    /// <summary>An OTLP/HTTP receiver on loopback that notes which signals arrive.</summary>
    private sealed class Collector(WebApplication app, ConcurrentQueue<string> received) : IAsyncDisposable
    {
        public string Url => app.Urls.First();

        public static async Task<Collector> StartAsync()
        {
            var received = new ConcurrentQueue<string>();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/v1/{signal}", (string signal) =>
            {
                received.Enqueue(signal);
                return Results.Ok();
            });
            await app.StartAsync();
            return new Collector(app, received);
        }

        /// <summary>A flush hands the batch to the exporter's thread, which may still be sending it.</summary>
        public async Task WaitFor(string signal)
        {
            var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
            while (!received.Contains(signal) && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(50);
            }
            Assert.Contains(signal, received);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging()
            .AddHeadwaterTelemetry(configuration).BuildServiceProvider();
    }
}
