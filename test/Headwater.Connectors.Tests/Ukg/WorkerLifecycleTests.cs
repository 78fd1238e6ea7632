using Headwater.Connectors.Ukg;
using Headwater.Core.Workers;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>Lifecycle from UKG status codes and dates, on a given day (api-reference §7; issue: "Derive the lifecycle state").</summary>
public sealed class WorkerLifecycleTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly Hired = new(2019, 4, 1);

    private static DateOnly? Day(int? offset) => offset is { } days ? Today.AddDays(days) : null;

    [Theory]
    [InlineData("A", LifecycleState.Active)]
    [InlineData("a", LifecycleState.Active)]
    [InlineData(" A ", LifecycleState.Active)]
    [InlineData("L", LifecycleState.OnLeave)]
    [InlineData("O", LifecycleState.OnLeave)]
    [InlineData("S", LifecycleState.Suspended)]
    [InlineData("R", LifecycleState.Terminated)]
    [InlineData("T", LifecycleState.Terminated)]
    [InlineData("X", LifecycleState.Unknown)]
    [InlineData("", LifecycleState.Unknown)]
    [InlineData(null, LifecycleState.Unknown)]
    public void Each_status_code_without_dates_in_play_maps_to_its_state(string? status, LifecycleState expected)
    {
        var lifecycle = WorkerLifecycle.Derive(status, Hired, null, Hired, Today);

        Assert.Equal(expected, lifecycle.State);
        Assert.False(string.IsNullOrWhiteSpace(lifecycle.Reason));
    }

    [Theory]
    [InlineData("L", "leave")]
    [InlineData("O", "strike")]
    [InlineData("S", "Suspended")]
    [InlineData("R", "Released")]
    [InlineData("X", "Unknown status code 'X'")]
    public void The_reason_says_in_words_what_the_status_code_means(string status, string words) =>
        Assert.Contains(words, WorkerLifecycle.Derive(status, Hired, null, Hired, Today).Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData("L", true)]
    [InlineData("O", true)]
    [InlineData("S", true)]
    [InlineData("A", true)]
    [InlineData("R", false)]
    [InlineData("T", false)]
    [InlineData("X", false)]
    public void Leave_strike_and_suspension_keep_access_while_release_termination_and_unknown_do_not(string status, bool employed) =>
        Assert.Equal(employed, WorkerLifecycle.Derive(status, Hired, null, Hired, Today).IsEmployed);

    [Theory]
    [InlineData("A", -1, LifecycleState.Terminated)]
    [InlineData("A", 0, LifecycleState.TerminationScheduled)]
    [InlineData("A", 1, LifecycleState.TerminationScheduled)]
    [InlineData("A", 30, LifecycleState.TerminationScheduled)]
    [InlineData("L", -1, LifecycleState.Terminated)]
    [InlineData("L", 0, LifecycleState.OnLeave)]
    [InlineData("L", 1, LifecycleState.OnLeave)]
    [InlineData("S", -1, LifecycleState.Terminated)]
    [InlineData("S", 1, LifecycleState.Suspended)]
    [InlineData("T", -1, LifecycleState.Terminated)]
    [InlineData("T", 0, LifecycleState.TerminationScheduled)]
    [InlineData("T", 1, LifecycleState.TerminationScheduled)]
    public void A_termination_date_yesterday_ends_employment_while_today_or_tomorrow_is_scheduled(string status, int terminationOffset, LifecycleState expected)
    {
        var termination = Day(terminationOffset);

        var lifecycle = WorkerLifecycle.Derive(status, Hired, termination, Hired, Today);

        Assert.Equal(expected, lifecycle.State);
        if (expected == LifecycleState.Terminated)
        {
            Assert.Equal(termination, lifecycle.Since);
        }
        else
        {
            Assert.Equal(termination, lifecycle.Until);
        }
    }

    [Fact]
    public void A_termination_that_passed_while_UKG_still_says_active_is_terminated_with_the_status_in_the_reason()
    {
        var lifecycle = WorkerLifecycle.Derive("A", Hired, Today.AddDays(-1), Hired, Today);

        Assert.Equal(LifecycleState.Terminated, lifecycle.State);
        Assert.False(lifecycle.IsEmployed);
        Assert.Contains("2026-11-22 has passed", lifecycle.Reason, StringComparison.Ordinal);
        Assert.Contains("still A", lifecycle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_termination_today_keeps_access_until_the_end_of_the_day()
    {
        var lifecycle = WorkerLifecycle.Derive("A", Hired, Today, Hired, Today);

        Assert.Equal(LifecycleState.TerminationScheduled, lifecycle.State);
        Assert.True(lifecycle.IsEmployed);
        Assert.Equal(Today, lifecycle.Until);
        Assert.Equal(Hired, lifecycle.Since);
        Assert.Contains("end of 2026-11-23", lifecycle.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, LifecycleState.PendingStart)]
    [InlineData(30, LifecycleState.PendingStart)]
    [InlineData(0, LifecycleState.Active)]
    [InlineData(-1, LifecycleState.Active)]
    public void A_hire_tomorrow_is_pending_while_a_start_today_is_active(int hireOffset, LifecycleState expected)
    {
        var hire = Today.AddDays(hireOffset);

        var lifecycle = WorkerLifecycle.Derive("A", hire, null, hire, Today);

        Assert.Equal(expected, lifecycle.State);
        Assert.Equal(hire, lifecycle.Since);
        Assert.Equal(expected != LifecycleState.PendingStart, lifecycle.IsEmployed);
    }

    [Fact]
    public void A_future_hire_that_also_has_its_termination_scheduled_is_pending_until_its_start_with_the_end_kept()
    {
        var lifecycle = WorkerLifecycle.Derive("A", Today.AddDays(5), Today.AddDays(40), Today.AddDays(5), Today);

        Assert.Equal(LifecycleState.PendingStart, lifecycle.State);
        Assert.Equal(Today.AddDays(5), lifecycle.Since);
        Assert.Equal(Today.AddDays(40), lifecycle.Until);
    }

    [Fact]
    public void A_rehire_leaves_the_old_termination_date_behind_and_is_rehired_since_the_last_hire()
    {
        var rehired = Today.AddDays(-10);

        var lifecycle = WorkerLifecycle.Derive("A", rehired, new DateOnly(2024, 6, 30), rehired, Today);

        Assert.Equal(LifecycleState.Rehired, lifecycle.State);
        Assert.True(lifecycle.IsEmployed);
        Assert.Equal(rehired, lifecycle.Since);
        Assert.Null(lifecycle.Until);
        Assert.Contains("2024-06-30", lifecycle.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_rehire_today_or_yesterday_after_a_termination_the_day_before_is_rehired_not_terminated(int rehireOffset)
    {
        var rehired = Today.AddDays(rehireOffset);

        var lifecycle = WorkerLifecycle.Derive("A", rehired, rehired.AddDays(-1), rehired, Today);

        Assert.Equal(LifecycleState.Rehired, lifecycle.State);
    }

    [Fact]
    public void A_rehire_with_a_future_start_is_pending_and_says_it_is_a_rehire()
    {
        var start = Today.AddDays(1);

        var lifecycle = WorkerLifecycle.Derive("A", start, new DateOnly(2025, 1, 31), start, Today);

        Assert.Equal(LifecycleState.PendingStart, lifecycle.State);
        Assert.False(lifecycle.IsEmployed);
        Assert.Equal(start, lifecycle.Since);
        Assert.Null(lifecycle.Until);
        Assert.StartsWith("Rehired; starts 2026-11-24", lifecycle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_T_ahead_of_a_future_termination_date_keeps_access_until_the_end_of_that_day()
    {
        // UKG does not document whether T can show before the termination date; the reference says to key on both.
        var lifecycle = WorkerLifecycle.Derive("T", Hired, Today.AddDays(3), Today.AddDays(3), Today);

        Assert.Equal(LifecycleState.TerminationScheduled, lifecycle.State);
        Assert.True(lifecycle.IsEmployed);
        Assert.Equal(Today.AddDays(3), lifecycle.Until);
        Assert.Contains("status T", lifecycle.Reason, StringComparison.Ordinal);
        Assert.Contains("end of 2026-11-26", lifecycle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminated_status_after_a_rehire_is_terminated_from_the_status_start()
    {
        var lifecycle = WorkerLifecycle.Derive("T", new DateOnly(2026, 1, 5), new DateOnly(2025, 1, 31), new DateOnly(2026, 9, 1), Today);

        Assert.Equal(LifecycleState.Terminated, lifecycle.State);
        Assert.Equal(new DateOnly(2026, 9, 1), lifecycle.Since);
    }

    [Fact]
    public void Leave_with_a_future_termination_stays_on_leave_until_that_day()
    {
        var leaveStart = Today.AddDays(-20);
        var termination = Today.AddDays(14);

        var lifecycle = WorkerLifecycle.Derive("L", Hired, termination, leaveStart, Today);

        Assert.Equal(LifecycleState.OnLeave, lifecycle.State);
        Assert.Equal(leaveStart, lifecycle.Since);
        Assert.Equal(termination, lifecycle.Until);
        Assert.Contains("Leaves at the end of 2026-12-07", lifecycle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_T_with_no_dates_is_still_terminated()
    {
        var lifecycle = WorkerLifecycle.Derive("T", null, null, null, Today);

        Assert.Equal(LifecycleState.Terminated, lifecycle.State);
        Assert.Null(lifecycle.Since);
    }

    [Fact]
    public void An_unknown_status_is_not_terminated_even_with_a_past_termination_date()
    {
        var lifecycle = WorkerLifecycle.Derive("Z", Hired, Today.AddDays(-3), Hired, Today);

        Assert.Equal(LifecycleState.Unknown, lifecycle.State);
        Assert.Contains("'Z'", lifecycle.Reason, StringComparison.Ordinal);
    }
}
