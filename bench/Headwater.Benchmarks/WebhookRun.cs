using System.Diagnostics;
using System.Globalization;
using Headwater.Cli;
using Headwater.Connectors.Webhooks;
using Headwater.Core.Destinations;
using Headwater.Core.Events;
using Headwater.Data;
using Headwater.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StandardWebhooks;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>webhooks [events]</c>: the outbox delivering events (one per worker) to a local receiver that answers 204, against a
/// bare HttpClient posting the same signed bodies at the same concurrency, in the same run, each after an unmeasured warm-up
/// round; events per second and the ratio.
/// </summary>
public static class WebhookRun
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /// <summary>Writes <paramref name="count"/> pending <c>employee.hired</c> events, one per worker, to the outbox.</summary>
    private static async Task<List<EventRecord>> Write(HeadwaterDb db, string prefix, int count)
    {
        var now = TimeProvider.System.GetUtcNow();
        var attributes = new Dictionary<string, string?> { ["firstName"] = "Ada", ["lastName"] = "Quist", ["jobTitle"] = "Payroll Analyst" };
        var events = Enumerable.Range(0, count).Select(i => new EventRecord
        {
            EventId = $"{prefix}_{i:D8}", Destination = "hooks", WorkerId = $"{prefix}{i:D6}", Type = EventTypes.Hired, RunId = 1,
            Body = WebhookPayload.Json(new EmployeeEvent(EventTypes.Hired, $"E{i:D6}", Core.Planning.ReasonCode.Hired, 1, attributes, []), now),
            CreatedAt = now, NextAttemptAt = now,
        }).ToList();
        db.Events.AddRange(events);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return events;
    }

    /// <summary>A bare HttpClient posting the same bodies, signed the same way, at the same concurrency.</summary>
    private static Task Bare(HttpClient http, StandardWebhook signer, Uri url, List<EventRecord> events, int concurrency) =>
        Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (e, ct) =>
        {
            var at = TimeProvider.System.GetUtcNow();
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(e.Body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", e.EventId);
            request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", signer.Sign(e.EventId, at, e.Body));
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
        });

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = 204;
        });
        await receiver.StartAsync();
        var url = new Uri(receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks");
        var directory = Path.Combine(Path.GetTempPath(), "headwater-webhook-bench-" + Guid.NewGuid().ToString("N"));
        var options = new EventDeliveryOptions();
        try
        {
            await using var store = await CommandData.Open(new DataOptions { DataDirectory = directory }, null, prepare: true, CancellationToken.None);
            var destination = (IEventReceiver)new ServiceCollection().AddWebhook("hooks", new WebhookOptions
            {
                Url = url, Secret = Secret, Events = EventTypes.All.ToHashSet(),
            }).BuildServiceProvider().GetRequiredKeyedService<IDestination>("hooks");
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            var signer = new StandardWebhook(Secret);
            var receivers = new Dictionary<string, IEventReceiver> { ["hooks"] = destination };

            // A first, smaller round of each, unmeasured: both paths JIT-compiled and connected before either is timed.
            var warmUp = await Write(store.Db, "warm", Math.Min(500, count));
            await new EventDelivery(store.Db, TimeProvider.System, options, NullLogger.Instance).DeliverDue(receivers);
            await Bare(http, signer, url, warmUp, options.Concurrency);

            var events = await Write(store.Db, "msg", count);
            var outbox = Stopwatch.StartNew();
            var report = await new EventDelivery(store.Db, TimeProvider.System, options, NullLogger.Instance).DeliverDue(receivers);
            outbox.Stop();
            var bare = Stopwatch.StartNew();
            await Bare(http, signer, url, events, options.Concurrency);
            bare.Stop();

            double Rate(Stopwatch s) => count / s.Elapsed.TotalSeconds;
            Console.WriteLine($"| Events | Concurrency | Outbox (events/s) | Bare HttpClient (events/s) | Ratio |");
            Console.WriteLine($"|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {report.Delivered:N0} | {options.Concurrency} | {Rate(outbox):N0} | {Rate(bare):N0} | {Rate(outbox) / Rate(bare):0.00} |"));
            return report.Delivered == count ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
