using System.Globalization;

namespace Headwater.Simulator.Scim;

/// <summary>
/// What stands in front of every SCIM endpoint, in the order a request meets it: the configured latency, the bearer
/// token (401), the every-Nth-request rate limit (429 with Retry-After), a write hold if one is on, then the endpoint, whose
/// <see cref="ScimException"/>s become SCIM error responses.
/// </summary>
internal sealed class ScimGate(ScimSimulatorOptions options, TimeProvider time) : IEndpointFilter
{
    private long _requests;
    private ScimWriteHold? _hold;

    /// <summary>Authenticated requests so far (they count towards the rate limit).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void Reset() => Interlocked.Exchange(ref _requests, 0);

    /// <summary>Starts holding writes after the first <paramref name="passing"/>; one hold at a time.</summary>
    public ScimWriteHold HoldWrites(int passing)
    {
        var hold = new ScimWriteHold(passing, ended => Interlocked.CompareExchange(ref _hold, null, ended));
        if (Interlocked.CompareExchange(ref _hold, hold, null) is not null)
        {
            throw new InvalidOperationException("Writes are already held; dispose that hold first.");
        }
        return hold;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(options.Latency, time, context.RequestAborted);
        }
        if (!string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + options.BearerToken, StringComparison.Ordinal))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return ScimResults.Error(StatusCodes.Status401Unauthorized, null, "A valid bearer token is required.");
        }
        var count = Interlocked.Increment(ref _requests);
        if (options.RateLimitEvery > 0 && count % options.RateLimitEvery == 0)
        {
            context.Response.Headers.RetryAfter = ((int)options.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return ScimResults.Error(StatusCodes.Status429TooManyRequests, null, "Too many requests.");
        }
        if (!HttpMethods.IsGet(context.Request.Method) && Volatile.Read(ref _hold) is { } hold)
        {
            await hold.PassAsync(context.RequestAborted);
        }
        try
        {
            return await next(invocation);
        }
        catch (ScimException e)
        {
            return ScimResults.Error(e.Status, e.ScimType, e.Message);
        }
    }
}
