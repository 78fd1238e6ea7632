using System.Globalization;
using System.Text.RegularExpressions;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Files;

/// <summary>
/// The files one run writes: <c>&lt;destination&gt;-roster.&lt;ext&gt;</c> (the latest, replaced each run), and the
/// run's own <c>&lt;destination&gt;-roster-&lt;yyyyMMddTHHmmssZ&gt;-run&lt;id&gt;.&lt;ext&gt;</c> and
/// <c>&lt;destination&gt;-changes-&lt;yyyyMMddTHHmmssZ&gt;-run&lt;id&gt;.&lt;ext&gt;</c>, timestamped in UTC so they
/// sort by time.
/// </summary>
internal sealed record RunFileNames(string Latest, string Roster, string Changes)
{
    public const string RosterKind = "roster";
    public const string ChangesKind = "changes";

    public static RunFileNames For(string destination, RunDelivery run, string extension)
    {
        var stamp = run.At.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var suffix = $"{stamp}-run{run.RunId.ToString(CultureInfo.InvariantCulture)}.{extension}";
        return new($"{destination}-{RosterKind}.{extension}", $"{destination}-{RosterKind}-{suffix}",
            $"{destination}-{ChangesKind}-{suffix}");
    }

    /// <summary>Matches a timestamped file of <paramref name="destination"/> in either format; groups kind, stamp and run.</summary>
    public static Regex Timestamped(string destination) => new(
        $@"^{Regex.Escape(destination)}-(?<kind>{RosterKind}|{ChangesKind})-(?<stamp>\d{{8}}T\d{{6}}Z)-run(?<run>\d{{1,10}})\.(csv|jsonl)$",
        RegexOptions.CultureInvariant);
}
