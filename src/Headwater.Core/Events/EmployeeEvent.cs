using Headwater.Core.Planning;

namespace Headwater.Core.Events;

/// <summary>A value before and after, by name: an attribute, the manager, or where the worker works.</summary>
public sealed record ValueChange(string Name, string? Old, string? New);

/// <summary>
/// One thing that happened to a worker, as a receiver sees it: <see cref="Type"/> (one of <see cref="EventTypes"/>),
/// the worker's mapped attributes (the mapping decides what a receiver may see), the reason code, the run it came
/// from, and what changed: attributes old and new for <c>employee.updated</c>, the manager's worker id for
/// <c>employee.manager_changed</c>, company, org levels and location for <c>employee.transferred</c>.
/// <see cref="EffectiveDate"/> is the day a leave, start or termination takes effect, when the source gives it.
/// </summary>
public sealed record EmployeeEvent(
    string Type,
    string WorkerId,
    ReasonCode Reason,
    int RunId,
    IReadOnlyDictionary<string, string?> Attributes,
    IReadOnlyList<ValueChange> Changes,
    DateOnly? EffectiveDate = null);
