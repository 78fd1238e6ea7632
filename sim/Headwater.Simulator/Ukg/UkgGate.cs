using System.Net.Http.Headers;
using System.Text;
using Headwater.Simulator.Faults;
using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>Marks an endpoint with the web service whose View permission it needs.</summary>
internal sealed record RequiresView(WebService Service);

/// <summary>
/// What stands in front of every UKG endpoint, in the order a request meets it: HTTP Basic credentials and the
/// US-Customer-Api-Key header (401), the service account's View permission on the endpoint's web service (403),
/// the per-minute rate limit (429, with no Retry-After unless asked), then the injected faults.
/// </summary>
internal sealed class UkgGate(Tenant tenant, FaultState faults, TimeProvider time, IHostApplicationLifetime lifetime) : IEndpointFilter
{
    public const string CustomerApiKeyHeader = "US-Customer-Api-Key";
    private const string TruncateKey = "sim.truncate";
    private const string AccountKey = "sim.account";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var response = context.Response;
        var account = Authenticate(context.Request);
        if (account is null || faults.PasswordExpired(account.UserName))
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"UltiPro\"";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiresView>();
        if (required is not null && !account.Views.Contains(required.Service))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (faults.RateLimited(account.UserName) is { } retryAfter)
        {
            if (faults.Settings.SendRetryAfter)
            {
                response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }
        var settings = faults.Settings;
        if (settings.Latency > TimeSpan.Zero)
        {
            await Task.Delay(settings.Latency, time, context.RequestAborted);
        }
        if (faults.Roll(settings.HangRate))
        {
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await Task.Delay(Timeout.InfiniteTimeSpan, hang.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            context.Abort();
            return Results.Empty;
        }
        if (faults.Roll(settings.ErrorRate))
        {
            return Results.Json(new Dictionary<string, string>(), UkgJsonContext.Default.DictionaryStringString, statusCode: 500);
        }
        context.Items[AccountKey] = account;
        context.Items[TruncateKey] = faults.Roll(settings.TruncateRate);
        try
        {
            return await next(invocation);
        }
        catch (UkgBadRequestException e)
        {
            await UkgResponses.WriteBadRequest(context, e.Property, e.Message);
            return Results.Empty;
        }
    }

    public static bool ShouldTruncate(HttpContext context) => context.Items[TruncateKey] is true;

    public static ServiceAccount Account(HttpContext context) => (ServiceAccount)context.Items[AccountKey]!;

    private ServiceAccount? Authenticate(HttpRequest request)
    {
        if (!string.Equals(request.Headers[CustomerApiKeyHeader].ToString(), tenant.Settings.CustomerApiKey, StringComparison.Ordinal)
            || !AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var account = tenant.FindAccount(decoded[..colon]);
        return account is not null && account.Password == decoded[(colon + 1)..] ? account : null;
    }
}
