using CsvHelper;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Files;

/// <summary>
/// Writes a run as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled),
/// UTF-8 without a byte order mark. A value beginning with <c>= + - @</c>, a tab or a carriage return is prefixed with
/// <c>'</c>, so a spreadsheet opening an HR export shows it as text instead of running it as a formula.
/// </summary>
internal static class CsvRunWriter
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = false,
    };

    public static Task WriteRoster(Stream stream, RunDelivery run, InactivePeople inactive, CancellationToken cancellationToken) =>
        Write(stream, ["workerId", "active", .. run.Columns, RunRows.Manager], RunRows.Roster(run, inactive).Select(entry =>
            (IEnumerable<string?>)[entry.WorkerId, Bool(entry.Active), .. run.Columns.Select(c => entry.Values.GetValueOrDefault(c)),
                entry.ManagerWorkerId]), cancellationToken);

    /// <summary>Each attribute is two columns, its new value under its name and its old value under <c>name.old</c>;
    /// both are empty when the change leaves it alone.</summary>
    public static Task WriteChanges(Stream stream, RunDelivery run, CancellationToken cancellationToken)
    {
        var columns = RunRows.ChangeColumns(run);
        return Write(stream, ["workerId", "change", "reason", "active", .. columns.SelectMany(c => (string[])[c, c + ".old"])],
            RunRows.Changes(run).Select(change =>
            {
                var attributes = RunRows.Attributes(change).ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
                return (IEnumerable<string?>)[change.WorkerId, RunRows.Kind(change), change.Reason, Bool(change.Active),
                    .. columns.SelectMany(c => attributes.TryGetValue(c, out var a) ? (string?[])[a.New, a.Old] : [null, null])];
            }), cancellationToken);
    }

    private static async Task Write(Stream stream, IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows,
        CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        csv.WriteHeader([.. header]);
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync([.. row], cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
