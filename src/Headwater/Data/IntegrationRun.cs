using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headwater.Data;

/// <summary>Why the service ran an integration.</summary>
public enum RunTrigger
{
    /// <summary>Its schedule came due (or was missed while the service was down).</summary>
    Schedule,
    /// <summary>A tenant day began on which someone's employment starts or ends by date.</summary>
    EffectiveDate,
    /// <summary>"Sync now", through the API.</summary>
    SyncNow,
    /// <summary>"Sync one employee now", through the API.</summary>
    Worker,
    /// <summary>An approval of a run a safety limit stopped.</summary>
    Approval,
    /// <summary>A disconnect that deactivates the accounts Headwater owns.</summary>
    Disconnect,
}

/// <summary>
/// One run of a stored integration by the service, across all its destinations: why it ran, how far it got (changes
/// done of the total, while it runs), and how it ended, with the first failure's cause and words. The destinations'
/// own runs (<see cref="SyncRun"/>) point back to it.
/// </summary>
public sealed class IntegrationRun
{
    public int Id { get; set; }
    public int IntegrationId { get; set; }
    public RunTrigger Trigger { get; set; }

    /// <summary>The employee a <see cref="RunTrigger.Worker"/> run is for.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Whether the run read all of UKG (a reconciliation) rather than what changed.</summary>
    public bool FullRead { get; set; }

    /// <summary>The blocked run a <see cref="RunTrigger.Approval"/> run applies.</summary>
    public int? ApprovesRunId { get; set; }

    public SyncRunStatus Status { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The Quartz scheduler instance (host name and start ticks) of the <c>headwater serve</c> that ran it, when
    /// several share a PostgreSQL database; null on one node.</summary>
    public string? Node { get; set; }

    /// <summary>What the run is doing while it runs (reading, applying, ...).</summary>
    public string? Phase { get; set; }
    public int Done { get; set; }
    public int Total { get; set; }
    public int Failed { get; set; }

    /// <summary>The first failure's cause (a <c>FailureCause</c> name) and every failure in words, one per line.</summary>
    public string? Cause { get; set; }
    public string? Error { get; set; }

    internal static void Configure(EntityTypeBuilder<IntegrationRun> run)
    {
        run.HasKey(r => r.Id);
        run.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        run.Property(r => r.WorkerId).HasMaxLength(64);
        run.Property(r => r.Phase).HasMaxLength(16);
        run.Property(r => r.Cause).HasMaxLength(24);
        run.Property(r => r.Node).HasMaxLength(200);
        run.HasIndex(r => new { r.IntegrationId, r.Id });
        run.HasOne<IntegrationRecord>().WithMany().HasForeignKey(r => r.IntegrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
