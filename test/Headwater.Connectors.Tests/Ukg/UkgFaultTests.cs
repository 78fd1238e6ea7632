using System.Diagnostics;
using System.Net;
using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Ukg;
using Headwater.Simulator.Faults;
using Headwater.Simulator.Ukg;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>
/// The simulator's fault modes (api-reference §8, §10.13, §10.14): a read that can complete does, after waiting and
/// retrying; one that cannot fails with a UKG error, never with partial or empty data.
/// </summary>
public sealed class UkgFaultTests
{
    [Fact]
    public async Task Rate_limited_without_Retry_After_the_read_waits_at_least_a_second_and_completes()
    {
        var clock = Sim.Clock();
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new FaultSettings { RateLimitPerMinute = 8 } }, clock);
        var retryAfter = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        // The connector's own defaults: UKG sends no Retry-After, so it must wait a second of its own accord.
        using var connector = ConnectorUnderTest.For(sim, new UkgClientOptions { AttemptTimeout = TimeSpan.FromSeconds(10) }, onAttempt: response =>
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter.Enqueue(response.Headers.RetryAfter is not null);
                NextMinute(clock); // the simulator's one-minute window ends while the client waits
            }
        });
        var watch = Stopwatch.StartNew();

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        watch.Stop();
        Assert.Equal(sim.Rows().Select(Sim.Key), snapshot.Employments.Select(Sim.Key));
        Assert.NotEmpty(retryAfter);
        Assert.DoesNotContain(true, retryAfter);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"the read took only {watch.Elapsed}");
    }

    [Fact]
    public async Task Rate_limited_with_Retry_After_the_read_waits_as_long_as_it_says()
    {
        var clock = Sim.Clock();
        clock.SetUtcNow(Sim.Start.AddSeconds(57)); // three seconds before the one-minute window ends: Retry-After: 3
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new FaultSettings { RateLimitPerMinute = 8, SendRetryAfter = true } }, clock);
        var retryAfter = new System.Collections.Concurrent.ConcurrentQueue<TimeSpan?>();
        using var connector = ConnectorUnderTest.For(sim, onAttempt: response =>
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter.Enqueue(response.Headers.RetryAfter?.Delta);
                NextMinute(clock);
            }
        });
        var watch = Stopwatch.StartNew();

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        watch.Stop();
        Assert.Equal(sim.Rows().Select(Sim.Key), snapshot.Employments.Select(Sim.Key));
        Assert.NotEmpty(retryAfter);
        Assert.All(retryAfter, r => Assert.Equal(TimeSpan.FromSeconds(3), r));
        // The connector's own first wait is 50 ms here: only Retry-After explains three seconds.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.9), $"the read took only {watch.Elapsed}");
    }

    [Fact]
    public async Task A_large_read_held_back_by_the_rate_limit_again_and_again_still_completes()
    {
        var clock = Sim.Clock();
        await using var sim = await Sim.StartAsync(Sim.Small(2000) with
        {
            Api = new UkgApiSettings { MaxPageSize = 100 },
            Faults = new FaultSettings { RateLimitPerMinute = 10 },
        }, clock);
        using var connector = ConnectorUnderTest.For(sim, onAttempt: response =>
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                NextMinute(clock);
            }
        });

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        Assert.Equal(sim.Rows().Select(Sim.Key), snapshot.Employments.Select(Sim.Key));
        Assert.Equal(sim.Rows().Select(Sim.Key), snapshot.People.Select(Sim.Key));
        // Only a 429 moves the simulator to its next one-minute window of ten calls, so every ten answers cost one.
        var answered = connector.Attempts.Count(200);
        Assert.True(answered > 60, $"only {answered} calls were answered");
        Assert.True(connector.Attempts.Count(429) >= answered / 10 - 1, $"{connector.Attempts.Count(429)} answers were 429 for {answered} answered");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public async Task Server_errors_at_a_steady_rate_are_retried_and_the_read_completes(double rate)
    {
        await using var sim = await Sim.StartAsync(Sim.Small(1000) with
        {
            Api = new UkgApiSettings { MaxPageSize = 100 },
            Faults = new FaultSettings { ErrorRate = rate, Seed = 7 },
        });
        using var connector = ConnectorUnderTest.For(sim, ConnectorUnderTest.Fast with { MaxRetries = 10 });

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        Assert.Equal(sim.Rows().Select(Sim.Key), snapshot.Employments.Select(Sim.Key));
        Assert.Equal(sim.Rows().Select(Sim.Key), snapshot.People.Select(Sim.Key));
        Assert.True(connector.Attempts.Count(500) > 0, "the simulator answered no 500s");
    }

    [Fact]
    public async Task Slow_pages_within_the_attempt_timeout_are_waited_for_not_abandoned()
    {
        await using var sim = await Sim.StartAsync(Sim.Small() with
        {
            Faults = new FaultSettings { Latency = TimeSpan.FromMilliseconds(100), LatencyPerRow = TimeSpan.FromMilliseconds(1) },
        }, TimeProvider.System);
        using var connector = ConnectorUnderTest.For(sim);
        var watch = Stopwatch.StartNew();

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        Assert.Equal(sim.Rows().Select(Sim.Key), snapshot.Employments.Select(Sim.Key));
        Assert.Equal(0, connector.Attempts.Count(0));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(sim.Rows().Length + 100), $"the read took only {watch.Elapsed}");
    }

    [Fact]
    public async Task An_account_without_View_on_person_details_fails_the_read_with_403_rather_than_reading_nameless_workers()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim, userName: sim.Options.LimitedUserName, password: sim.Options.LimitedPassword);

        var error = await Assert.ThrowsAsync<UkgRequestException>(() => connector.Reader.ReadAll(new ReadOptions()));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        var forbidden = connector.Attempts.All.Where(a => a.Status == 403).Select(a => a.Path).ToList();
        Assert.Contains("/personnel/v1/person-details?page=1&per_Page=10000", forbidden);
        Assert.All(forbidden, p => Assert.True(
            p.StartsWith("/personnel/v1/person-details", StringComparison.Ordinal) || p.StartsWith("/configuration/", StringComparison.Ordinal), p));
        Assert.Equal(forbidden.Distinct().Count(), forbidden.Count); // 403 is not retried
    }

    [Fact]
    public async Task A_wrong_customer_API_key_fails_the_read_with_401()
    {
        await using var sim = await Sim.StartAsync();
        using var connector = ConnectorUnderTest.For(sim.BaseUrl, sim.Options.UserName, sim.Options.Password, "WRONG");

        var error = await Assert.ThrowsAsync<UkgRequestException>(() => connector.Reader.ReadAll(new ReadOptions()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(0, connector.Attempts.Count(200));
    }

    [Fact]
    public async Task A_hung_request_times_out_and_is_tried_again()
    {
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new FaultSettings { HangRate = 0.2, Seed = 3 } });
        using var connector = ConnectorUnderTest.For(sim, ConnectorUnderTest.Fast with { AttemptTimeout = TimeSpan.FromSeconds(1) });

        var snapshot = await connector.Reader.ReadAll(new ReadOptions());

        Assert.Equal(sim.Rows().Select(Sim.Key), snapshot.Employments.Select(Sim.Key));
        Assert.True(connector.Attempts.Count(0) > 0, "no attempt was abandoned");
    }

    [Fact]
    public async Task A_tenant_that_stops_answering_mid_read_fails_the_read_rather_than_returning_part_of_it()
    {
        await using var sim = await Sim.StartAsync(Sim.Small(450) with { Api = new UkgApiSettings { MaxPageSize = 100 } });
        using var connector = ConnectorUnderTest.For(sim, ConnectorUnderTest.Fast with
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(300),
            MaxRetries = 2,
        }, onAttempt: response =>
        {
            if (response.RequestMessage?.RequestUri?.Query.Contains("page=2", StringComparison.Ordinal) == true)
            {
                sim.Faults.Settings = new FaultSettings { HangRate = 1.0 };
            }
        });

        var error = await Record.ExceptionAsync(() => connector.Reader.ReadAll(new ReadOptions()));

        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error); // no answer at all: a timeout, not a UKG status
        Assert.True(connector.Attempts.Count(0) >= 3, "the hung page was not tried again");
    }

    [Fact]
    public async Task Truncated_pages_are_fetched_again_and_the_read_completes()
    {
        await using var sim = await Sim.StartAsync(Sim.Small(450) with
        {
            Api = new UkgApiSettings { MaxPageSize = 100 },
            Faults = new FaultSettings { TruncateRate = 0.25, Seed = 11 },
        });
        using var connector = ConnectorUnderTest.For(sim);
        var rows = sim.Rows();

        // One endpoint at a time, so the seeded faults fall the same way on every run.
        var employments = new List<EmploymentRecord>();
        await foreach (var row in connector.Client.ReadPages("/personnel/v1/employment-details", UkgJsonContext.Default.ListEmploymentRecord))
        {
            employments.Add(row);
        }

        Assert.Equal(rows.Select(Sim.Key), employments.Select(Sim.Key));
        var pages = (rows.Length + 99) / 100 + 1;
        Assert.True(connector.Client.Calls > pages, $"{connector.Client.Calls} calls for {pages} pages: nothing was fetched again");
    }

    [Fact]
    public async Task When_every_page_is_truncated_the_read_fails_instead_of_returning_partial_data()
    {
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new FaultSettings { TruncateRate = 1.0 } });
        using var connector = ConnectorUnderTest.For(sim);

        var error = await Assert.ThrowsAsync<UkgRequestException>(() => connector.Reader.ReadAll(new ReadOptions()));

        Assert.Equal(HttpStatusCode.OK, error.Status);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_that_stops_working_mid_read_fails_the_read_with_401_and_is_not_retried()
    {
        await using var sim = await Sim.StartAsync(Sim.Small(450) with
        {
            Api = new UkgApiSettings { MaxPageSize = 100 },
            Faults = new FaultSettings { PasswordExpiresAfterCalls = 4 },
        });
        using var connector = ConnectorUnderTest.For(sim);

        var error = await Assert.ThrowsAsync<UkgRequestException>(() => connector.Reader.ReadAll(new ReadOptions()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, connector.Attempts.Count(200));
        Assert.True(connector.Attempts.Count(401) <= 8, "401s were retried");
    }

    [Fact]
    public async Task When_every_call_fails_the_read_fails_and_does_not_return_an_empty_tenant()
    {
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new FaultSettings { ErrorRate = 1.0 } });
        using var connector = ConnectorUnderTest.For(sim);

        var error = await Record.ExceptionAsync(() => connector.Reader.ReadAll(new ReadOptions()));

        // Either the last 500 after the retries, or the breaker refusing further calls to a tenant that is down.
        Assert.True(error is UkgRequestException { Status: HttpStatusCode.InternalServerError } or Polly.CircuitBreaker.BrokenCircuitException,
            $"the read ended with {error?.GetType().Name ?? "no error"}");
        Assert.Equal(0, connector.Attempts.Count(200));
    }

    [Fact]
    public async Task A_tenant_that_is_down_opens_the_circuit_so_the_read_stops_without_using_every_retry()
    {
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new FaultSettings { ErrorRate = 1.0 } });
        using var connector = ConnectorUnderTest.For(sim);

        var error = await Record.ExceptionAsync(() => connector.Reader.ReadAll(new ReadOptions()));

        Assert.IsType<Polly.CircuitBreaker.BrokenCircuitException>(error, exactMatch: false);
        // Eight lists are read at once; without the breaker each would be tried 1 + 6 times. How soon the breaker opens
        // depends on how fast the failures come (its window is in time), so only "each list was tried" bounds it below.
        Assert.InRange(connector.Attempts.Count(500), 8, 8 * 7 - 1);
    }

    [Fact]
    public async Task A_failing_call_is_retried_the_configured_number_of_times_before_the_read_fails()
    {
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new FaultSettings { ErrorRate = 1.0 } });
        using var connector = ConnectorUnderTest.For(sim, ConnectorUnderTest.Fast with { MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<UkgRequestException>(() => connector.Client.ReadList("/configuration/v1/org-levels", UkgJsonContext.Default.ListOrgLevelRecord));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal(4, connector.Attempts.Count(500));
    }

    private static readonly Lock ClockGate = new();

    /// <summary>Moves the simulator's clock to the start of its next minute, once per window however many 429s arrive.</summary>
    internal static void NextMinute(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        lock (ClockGate)
        {
            var now = clock.GetUtcNow();
            clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1));
        }
    }
}
