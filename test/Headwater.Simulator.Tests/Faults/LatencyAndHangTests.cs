using System.Diagnostics;
using System.Net;
using Headwater.Simulator.Faults;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Simulator.Tests.Faults;

/// <summary>Slow and silent responses. Delays are asserted only as lower bounds, so a busy machine cannot fail them.</summary>
public sealed class LatencyAndHangTests
{
    private static async Task<TimeSpan> Timed(HttpClient http, Uri path)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetElapsedTime(start);
    }

    [Fact]
    public async Task Latency_delays_every_call_by_at_least_the_setting()
    {
        var latency = TimeSpan.FromMilliseconds(300);
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { Latency = latency });

        var elapsed = await Timed(sim.Http, new Uri("/configuration/v1/company-details", UriKind.Relative));

        Assert.True(elapsed >= latency * 0.95, $"answered in {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Row_latency_delays_a_page_by_at_least_the_setting_times_its_rows()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { LatencyPerRow = TimeSpan.FromMilliseconds(10) });

        var elapsed = await Timed(sim.Http, new Uri("/personnel/v1/employment-details?per_page=50", UriKind.Relative));

        Assert.True(elapsed >= TimeSpan.FromMilliseconds(500 * 0.95), $"50 rows answered in {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Latency_runs_on_the_simulator_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { Latency = TimeSpan.FromMinutes(5) }, time);

        var call = sim.Http.GetAsync(FaultySimulator.Employees);
        await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.False(call.IsCompleted, "the call answered before the simulator clock moved");

        while (!call.IsCompleted)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(100)));
        }
        using var response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_hang_rate_of_one_never_answers_so_the_client_times_out()
    {
        await using var sim = await FaultySimulator.StartAsync(new FaultSettings { HangRate = 1.0 });
        using var impatient = sim.CreateHttp(sim.Simulator.Options.UserName, sim.Simulator.Options.Password, sim.Simulator.Options.CustomerApiKey);
        impatient.Timeout = TimeSpan.FromMilliseconds(500);

        var start = Stopwatch.GetTimestamp();
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(FaultySimulator.Employees));

        Assert.True(Stopwatch.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(450));
    }
}
