using System.Text.Json.Serialization;
using Headwater.Core.Planning;

namespace Headwater.Syncing;

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(List<AttributeChange>))]
internal sealed partial class SyncJson : JsonSerializerContext;
