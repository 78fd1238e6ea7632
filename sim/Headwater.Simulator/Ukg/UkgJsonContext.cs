using System.Text.Json;
using System.Text.Json.Serialization;
using Headwater.Simulator.Admin;
using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>The spec's Error object, returned with 400.</summary>
internal sealed record UkgError(
    string Title, string Type, int ErrorCount, Dictionary<string, UkgErrorItem[]> Errors, string Detail, int Code, string Message);

internal sealed record UkgErrorItem(string Message, string Type);

// FaultSettings is left to the reflection-based resolver: the source generator would set its init-only properties
// even when a PUT leaves them out, losing their defaults (dotnet/runtime#84484).
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(UkgError))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(NewHire))]
[JsonSerializable(typeof(Transfer))]
[JsonSerializable(typeof(ManagerChange))]
[JsonSerializable(typeof(NameChange))]
[JsonSerializable(typeof(EmailChange))]
[JsonSerializable(typeof(LeaveStart))]
[JsonSerializable(typeof(Termination))]
[JsonSerializable(typeof(Rehire))]
[JsonSerializable(typeof(EmployeeSummary[]))]
[JsonSerializable(typeof(TenantInfo))]
internal sealed partial class UkgJsonContext : JsonSerializerContext;
