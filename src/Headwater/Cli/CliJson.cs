using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Headwater.Cli;

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckReport))]
[JsonSerializable(typeof(Headwater.Service.DestinationCheckView))]
[JsonSerializable(typeof(List<WorkerView>))]
[JsonSerializable(typeof(WorkerView))]
[JsonSerializable(typeof(List<PlanReport>))]
[JsonSerializable(typeof(List<RunView>))]
[JsonSerializable(typeof(List<ChangeRecordView>))]
[JsonSerializable(typeof(WhyReport))]
[JsonSerializable(typeof(FailureReport))]
[JsonSerializable(typeof(SyncReport))]
[JsonSerializable(typeof(List<Headwater.Events.EventView>))]
[JsonSerializable(typeof(List<Headwater.Core.Planning.AttributeChange>))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>What every --json output is written with: names such as "Siobhán O'Brien" as they are, not as \u
    /// escapes. The output goes to a terminal or a file, never into HTML, so HTML-sensitive characters need no escaping;
    /// control characters still are escaped.</summary>
    public static CliJson Readable { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
