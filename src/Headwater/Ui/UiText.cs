using System.Globalization;
using Headwater.Connectors.Ukg;

namespace Headwater.Ui;

/// <summary>How the UI writes times and numbers: UTC, to the minute, the same for every reader.</summary>
public static class UiText
{
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A run's outcome in words (the API's <c>CompletedWithFailures</c> reads "Completed with failures").</summary>
    public static string RunOutcome(string status) => status switch
    {
        nameof(Data.SyncRunStatus.Blocked) => "Stopped by a safety limit",
        nameof(Data.SyncRunStatus.CompletedWithFailures) => "Completed with failures",
        _ => status,
    };

    /// <summary>The CSS class of a status badge.</summary>
    public static string StatusClass(string status) => "badge " + status.ToLowerInvariant().Replace(' ', '-');

    /// <summary>How a UKG base URL as typed will be used (the connector's own normaliser), or why it cannot be; empty when blank.</summary>
    public static string BaseUrlUsed(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return "";
        }
        try
        {
            return $"Used as {UkgBaseUrl.Normalise(typed).Url.ToString().TrimEnd('/')}.";
        }
        catch (UkgConfigurationException e)
        {
            return $"Not usable as it is: {e.Message}";
        }
    }
}
