using System.Text.Json.Serialization;

namespace Headwater.Cli;

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckReport))]
[JsonSerializable(typeof(List<WorkerView>))]
[JsonSerializable(typeof(WorkerView))]
internal sealed partial class CliJson : JsonSerializerContext;
