using System.Collections.Concurrent;
using Headwater.Telemetry;
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
        var received = new ConcurrentQueue<string>();
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = collector.Build();
        app.MapPost("/v1/{signal}", (string signal) =>
        {
            received.Enqueue(signal);
            return Results.Ok();
        });
        await app.StartAsync();
        await using var services = Services(new Dictionary<string, string?>
        {
            [setting] = app.Urls.First(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        var tracer = services.GetRequiredService<TracerProvider>();
        RunTelemetry.Source.StartActivity("export test")?.Dispose();
        Assert.True(tracer.ForceFlush());

        // The flush hands the batch to the exporter's thread, which may still be sending it.
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (!received.Contains("traces") && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Contains("traces", received);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging()
            .AddHeadwaterTelemetry(configuration).BuildServiceProvider();
    }
}
