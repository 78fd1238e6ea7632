namespace Headwater.Core.Destinations;

/// <summary>Why a destination could not be used at all, as opposed to refusing one record.</summary>
public enum DestinationFailure
{
    /// <summary>The destination refused the credentials.</summary>
    Credentials,
    /// <summary>The credentials are valid but may not do this.</summary>
    Permission,
    /// <summary>No answer: refused connection, DNS, TLS, a timeout, or an open circuit.</summary>
    Unreachable,
    /// <summary>It answered, but not in a way that can be used (a server error, a malformed page).</summary>
    Failed,
}

/// <summary>A destination that cannot be read or written as a whole; the message names the host and the cause.</summary>
public class DestinationException(DestinationFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public DestinationFailure Failure { get; } = failure;
}
