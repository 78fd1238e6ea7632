namespace Headwater.Core.Destinations;

/// <summary>What testing a destination found: whether a sync could use it as configured, what was tried and seen, and
/// when it failed, what to change.</summary>
public sealed record DestinationCheckResult(bool Passed, string Detail, string? Fix = null)
{
    public static DestinationCheckResult Pass(string detail) => new(true, detail);

    public static DestinationCheckResult Fail(string detail, string fix) => new(false, detail, fix);

    /// <summary>A destination that could not be used at all, with the usual fix for its cause.</summary>
    public static DestinationCheckResult Fail(DestinationException e, string credentials, string unreachable)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Fail(e.Message, e.Failure switch
        {
            DestinationFailure.Credentials => credentials,
            DestinationFailure.Permission => "Give the account permission to read and change the accounts Headwater manages.",
            DestinationFailure.Unreachable => unreachable,
            _ => "Read the answer above; the destination's own log usually says more.",
        });
    }
}

/// <summary>A destination that can be tested on demand: one quick look that it can be reached with its settings and
/// accepts its credentials, which changes nothing in it (no account, no event, no file left behind).</summary>
public interface IDestinationCheck : IDestination
{
    /// <summary>Never throws for what the destination or the network did: that is the result.</summary>
    Task<DestinationCheckResult> Check(CancellationToken cancellationToken = default);
}
