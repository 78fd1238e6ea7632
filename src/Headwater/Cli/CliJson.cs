using System.Text.Json.Serialization;

namespace Headwater.Cli;

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckReport))]
[JsonSerializable(typeof(List<WorkerView>))]
[JsonSerializable(typeof(WorkerView))]
[JsonSerializable(typeof(List<PlanReport>))]
[JsonSerializable(typeof(List<RunView>))]
[JsonSerializable(typeof(List<ChangeRecordView>))]
[JsonSerializable(typeof(WhyReport))]
[JsonSerializable(typeof(List<Headwater.Core.Planning.AttributeChange>))]
internal sealed partial class CliJson : JsonSerializerContext;
