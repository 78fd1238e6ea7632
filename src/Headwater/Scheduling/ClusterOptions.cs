using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Headwater.Scheduling;

/// <summary>
/// How the services sharing one PostgreSQL database work as a cluster through Quartz.NET's clustered job store, section
/// <c>Cluster</c> of the service's configuration (appsettings.json beside the executable, or variables such as
/// <c>HEADWATER_Cluster__CheckinInterval</c>). Unused on SQLite, which has one node. Each node's id is its host name and
/// start time, so nodes need no configuration of their own.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>The scheduler's name: the nodes that share it share the work; another name on the same database is
    /// another cluster.</summary>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string Name { get; set; } = "headwater";

    /// <summary>How often a node tells the others it is alive.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How long past a missed check-in the others wait before they take over a node's runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How long a node with nothing due waits before it looks for due runs again (it looks at once when it
    /// schedules one itself).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The section's values, checked.</summary>
    /// <exception cref="OptionsValidationException">A value is not valid; the failures name the settings.</exception>
    public static ClusterOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ClusterOptions();
        var failures = new List<string>();
        try
        {
            configuration.GetSection(Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // Its message names the setting and the type it should be.
            failures.Add(e.Message);
        }
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{Section}: {r.ErrorMessage}"));
        }
        return failures.Count == 0 ? options : throw new OptionsValidationException(Section, typeof(ClusterOptions), failures);
    }
}
