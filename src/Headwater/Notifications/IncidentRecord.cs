using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headwater.Notifications;

/// <summary>
/// An open incident of one integration, one per kind: what it is about (its keys: the causes, and for failed changes
/// each person's change), when it began and when its contacts were last emailed. Removed when a run shows it is over.
/// </summary>
public sealed class IncidentRecord
{
    public IncidentKind Kind { get; set; }

    /// <summary>The incident's keys, one a line: a run that shows a key not among them has something new to tell.</summary>
    public required string Keys { get; set; }

    public IReadOnlySet<string> KeySet() => Keys.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public static string Join(IEnumerable<string> keys) => string.Join('\n', keys.Order(StringComparer.Ordinal));

    /// <summary>The subject of the email that opened it, for the one that closes it.</summary>
    public required string Subject { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the contacts were last emailed about it; null while no email could be sent.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<IncidentRecord> incident, string integrationColumn)
    {
        incident.ToTable("Incidents");
        incident.HasKey(integrationColumn, nameof(Kind));
        incident.Property(i => i.Kind).HasConversion<string>().HasMaxLength(24);
        incident.Property(i => i.Subject).HasMaxLength(256);
    }
}
