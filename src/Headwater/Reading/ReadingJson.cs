using System.Text.Json.Serialization;
using Headwater.Core.Workers;

namespace Headwater.Reading;

[JsonSourceGenerationOptions(WriteIndented = false, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SortedDictionary<string, string?>))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(List<WorkerIssue>))]
[JsonSerializable(typeof(Worker))]
[JsonSerializable(typeof(List<Worker>))]
internal sealed partial class ReadingJson : JsonSerializerContext;
