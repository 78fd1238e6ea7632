using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Headwater.Data;
using Headwater.Reading;

namespace Headwater.Reports;

/// <summary>
/// One worker's outcome in a run, as a line of a run report: who (employee ID, number and name, where the worker is
/// stored), the change and what became of it, the reason's code and words, the error, and the worker values that drove it.
/// </summary>
public sealed record RunReportRow(string Destination, string EmployeeId, string? EmployeeNumber, string? Name, string Change,
    string Outcome, string Code, string Reason, string? Error, IReadOnlyDictionary<string, string?> Values)
{
    /// <param name="change">The recorded change.</param>
    /// <param name="employeeNumber">The worker's number; null when the worker is not stored.</param>
    /// <param name="name">The worker's display name; null when the worker is not stored.</param>
    public static RunReportRow Of(ChangeRecord change, string? employeeNumber, string? name)
    {
        ArgumentNullException.ThrowIfNull(change);
        var values = string.IsNullOrEmpty(change.Drivers) ? null
            : JsonSerializer.Deserialize(change.Drivers, ReadingJson.Default.DictionaryStringString);
        return new(change.Destination, change.WorkerId, employeeNumber, name, change.Kind, change.Status.ToString(), change.Code,
            change.Reason, change.Error, values ?? []);
    }
}

[JsonSerializable(typeof(RunReportRow))]
internal sealed partial class ReportJson : JsonSerializerContext
{
    /// <summary>One line of JSON Lines: not indented, names as they are (reports are files, never HTML), nulls kept so
    /// every line has every field.</summary>
    public static ReportJson Lines { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
