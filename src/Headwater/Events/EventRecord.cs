using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headwater.Events;

public enum EventStatus
{
    /// <summary>Written with its run, not taken yet: the next attempt is at <see cref="EventRecord.NextAttemptAt"/>.</summary>
    Pending,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>Every attempt of the schedule failed: parked until replayed (<c>headwater events replay</c>).</summary>
    Dead,
}

/// <summary>
/// One event in the outbox: written in the same transaction as the run's records, so an event exists exactly when
/// the change it tells of is recorded as done, and delivered from here until the receiver takes it. <see cref="EventId"/>
/// is the <c>webhook-id</c>, the same on every attempt and replay; <see cref="Body"/> is sent byte for byte each time.
/// <see cref="Id"/> orders events: a worker's are delivered in that order.
/// </summary>
public sealed class EventRecord
{
    public long Id { get; set; }
    public required string EventId { get; set; }
    public required string Destination { get; set; }
    public required string WorkerId { get; set; }
    public required string Type { get; set; }
    public int RunId { get; set; }
    public required string Body { get; set; }
    public EventStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The receiver's last HTTP status, if it answered.</summary>
    public int? LastStatus { get; set; }

    /// <summary>Why the last attempt failed, in words (no body, no personal data).</summary>
    public string? LastError { get; set; }

    /// <summary>The delivery worker posting this event now (PostgreSQL only), until <see cref="ClaimedUntil"/>: no other
    /// takes it, or a later event of the same worker, while the claim holds. A node that dies lets it expire.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    internal static void Configure(EntityTypeBuilder<EventRecord> entity, string integrationColumn)
    {
        entity.ToTable("Events");
        entity.HasKey(e => e.Id);
        entity.Property(e => e.EventId).HasMaxLength(40);
        entity.HasIndex(e => e.EventId).IsUnique();
        entity.Property(e => e.Destination).HasMaxLength(64);
        entity.Property(e => e.WorkerId).HasMaxLength(64);
        entity.Property(e => e.Type).HasMaxLength(40);
        entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        entity.Property(e => e.LastError).HasMaxLength(512);
        entity.Property(e => e.ClaimedBy).HasMaxLength(64);
        entity.HasIndex(integrationColumn, nameof(EventRecord.Status), nameof(EventRecord.Id));
        // The claim's look back along a worker's line: the pending events before this one, of the same destination.
        entity.HasIndex(integrationColumn, nameof(EventRecord.Destination), nameof(EventRecord.WorkerId), nameof(EventRecord.Id));
    }
}

/// <summary>A webhook whose receiver answered 410 Gone: nothing is posted to it until an operator replays its events.
/// Events of its runs are still written, so nothing is lost meanwhile.</summary>
public sealed class DisabledSubscription
{
    public required string Destination { get; set; }
    public DateTimeOffset DisabledAt { get; set; }
    public required string Reason { get; set; }

    internal static void Configure(EntityTypeBuilder<DisabledSubscription> entity, string integrationColumn)
    {
        entity.ToTable("DisabledSubscriptions");
        entity.HasKey(integrationColumn, nameof(Destination));
        entity.Property(s => s.Destination).HasMaxLength(64);
        entity.Property(s => s.Reason).HasMaxLength(512);
    }
}
