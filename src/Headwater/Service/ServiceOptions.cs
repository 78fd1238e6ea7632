using System.ComponentModel.DataAnnotations;

namespace Headwater.Service;

/// <summary>The service's limits, section <c>Service</c> of its configuration (appsettings.json beside the executable,
/// or variables such as <c>HEADWATER_Service__PermitLimit</c>). The defaults need no configuration.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    /// <summary>Requests one token (or, without one, one address) may make per <see cref="RateLimitWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 600;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest request body, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;
}
