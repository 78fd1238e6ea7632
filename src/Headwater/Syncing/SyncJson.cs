using System.Text.Json.Serialization;
using Headwater.Core.Planning;

namespace Headwater.Syncing;

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(List<AttributeChange>))]
[JsonSerializable(typeof(Headwater.Core.Events.EventFacts))]
internal sealed partial class SyncJson : JsonSerializerContext;
