using System.Text.Encodings.Web;
using System.Text.Json;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Files;

/// <summary>
/// Writes a run as JSON Lines: one JSON object a line, UTF-8, each line ending in <c>\n</c>. A roster line has
/// <c>workerId</c>, <c>active</c> (a boolean), each target, and <c>managerWorkerId</c>; an empty value is null.
/// A change line has <c>workerId</c>, <c>change</c>, <c>reason</c>, <c>active</c> and <c>attributes</c>, an object
/// holding only what the change sets, each as <c>{ "old": …, "new": … }</c>.
/// </summary>
internal static class JsonLinesRunWriter
{
    // Non-ASCII names stay readable ("Siobhán", not "Siobh\u00e1n"); the files are never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteRoster(Stream stream, RunDelivery run, InactivePeople inactive, CancellationToken cancellationToken) =>
        Write(stream, RunRows.Roster(run, inactive), (json, entry) =>
        {
            json.WriteString("workerId", entry.WorkerId);
            json.WriteBoolean("active", entry.Active);
            foreach (var column in run.Columns)
            {
                json.WriteString(column, entry.Values.GetValueOrDefault(column));
            }
            json.WriteString(RunRows.Manager, entry.ManagerWorkerId);
        }, cancellationToken);

    public static Task WriteChanges(Stream stream, RunDelivery run, CancellationToken cancellationToken) =>
        Write(stream, RunRows.Changes(run), (json, change) =>
        {
            json.WriteString("workerId", change.WorkerId);
            json.WriteString("change", RunRows.Kind(change));
            json.WriteString("reason", change.Reason);
            json.WriteBoolean("active", change.Active);
            json.WriteStartObject("attributes");
            foreach (var attribute in RunRows.Attributes(change))
            {
                json.WriteStartObject(attribute.Name);
                json.WriteString("old", attribute.Old);
                json.WriteString("new", attribute.New);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }, cancellationToken);

    private static async Task Write<T>(Stream stream, IEnumerable<T> rows, Action<Utf8JsonWriter, T> properties,
        CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, Options);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            json.WriteStartObject();
            properties(json, row);
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
            stream.WriteByte((byte)'\n');
            // One writer for the whole file; Reset lets it start the next line's object as a new document.
            json.Reset();
        }
    }
}
