using System.Globalization;

namespace Headwater.Ui;

/// <summary>How the UI writes times and numbers: UTC, to the minute, the same for every reader.</summary>
public static class UiText
{
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The CSS class of a status badge.</summary>
    public static string StatusClass(string status) => "badge " + status.ToLowerInvariant().Replace(' ', '-');
}
