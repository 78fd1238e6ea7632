using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Headwater.Core.Events;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Webhooks;

/// <summary>
/// An event's body, in the Standard Webhooks shape <c>{ "type", "timestamp", "data" }</c>. <c>data</c> holds the
/// worker's id, the run, the reason code, the day it takes effect when known, the mapped attributes, and what changed,
/// each as <c>{ "name", "old", "new" }</c> (docs/webhooks.md).
/// </summary>
public static class WebhookPayload
{
    // Names stay readable ("Siobhán", not "Siobh\u00e1n"); the body is JSON over HTTP, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(EmployeeEvent employeeEvent, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(employeeEvent);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("type", employeeEvent.Type);
            json.WriteString("timestamp", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("data");
            json.WriteString("workerId", employeeEvent.WorkerId);
            json.WriteNumber("runId", employeeEvent.RunId);
            json.WriteString("reason", employeeEvent.Reason.Wire());
            if (employeeEvent.EffectiveDate is { } date)
            {
                json.WriteString("effectiveDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            json.WriteStartObject("attributes");
            foreach (var (name, value) in employeeEvent.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
            if (employeeEvent.Changes.Count > 0)
            {
                json.WriteStartArray("changes");
                foreach (var change in employeeEvent.Changes)
                {
                    json.WriteStartObject();
                    json.WriteString("name", change.Name);
                    json.WriteString("old", change.Old);
                    json.WriteString("new", change.New);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
