namespace Headwater.Simulator.Ukg;

/// <summary>How the simulated UKG API behaves where public material leaves room for choice.</summary>
public sealed record UkgApiSettings
{
    /// <summary>Default and maximum page size of the personnel and company lists (10,000 since January 2022).</summary>
    public int MaxPageSize { get; init; } = 10_000;

    /// <summary>Default and maximum page size of employee-changes.</summary>
    public int ChangesMaxPageSize { get; init; } = 200;

    /// <summary>Refuse (429) a change-feed call less than three hours after the previous one, as UKG asks.</summary>
    public bool EnforceChangeFeedCadence { get; init; }

    public DateStyle DateStyle { get; init; } = DateStyle.Local;

    /// <summary>Write empty values as "" instead of null.</summary>
    public bool EmptyAsEmptyString { get; init; }
}

/// <summary>How date-times are written: UKG's own responses carry no offset (tenant-local), but clients meet all three.</summary>
public enum DateStyle
{
    /// <summary><c>2020-01-15T00:00:00</c>, tenant-local.</summary>
    Local,

    /// <summary><c>2020-01-15T05:00:00.000Z</c>.</summary>
    Utc,

    /// <summary><c>2020-01-15T00:00:00-05:00</c>.</summary>
    Offset,
}
