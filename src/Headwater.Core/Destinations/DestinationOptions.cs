namespace Headwater.Core.Destinations;

/// <summary>How to reach one destination, as its kind reads it from the integration (a SCIM URL and token, a
/// file's folder and format). Each kind derives its own.</summary>
#pragma warning disable CA1012 // records: the compiler gives abstract records a protected constructor
public abstract record DestinationOptions;
#pragma warning restore CA1012
