using Headwater.Core.Workers;

namespace Headwater.Core.Mapping;

/// <summary>When a mapped value is written to the destination.</summary>
public enum MappingApplies
{
    /// <summary>On create and on every update.</summary>
    Always,
    /// <summary>Only when the account is created; later changes are left to the destination (e.g. a userName the user may change).</summary>
    OnCreate,
}

/// <summary>What to do when a mapped value is empty (null or blank).</summary>
public enum WhenEmpty
{
    /// <summary>Remove the value from the destination.</summary>
    Clear,
    /// <summary>Leave the destination's value as it is.</summary>
    Ignore,
}

/// <summary>
/// One destination attribute and the expression that computes it from the worker's attributes. <see cref="Choices"/>,
/// when given, are the only values the destination accepts (matched exactly, case included).
/// </summary>
public sealed record AttributeMapping(
    string Target,
    string Expression,
    MappingApplies Applies = MappingApplies.Always,
    WhenEmpty WhenEmpty = WhenEmpty.Clear,
    IReadOnlyList<string>? Choices = null);

/// <summary>
/// A computed value for one target. <see cref="Value"/> is null when the expression gave nothing or only blanks:
/// the value is then empty and <see cref="WhenEmpty"/> decides, so a missing value is never sent as "" or false.
/// </summary>
public sealed record MappedValue(string Target, string? Value, MappingApplies Applies, WhenEmpty WhenEmpty);

/// <summary>
/// A worker's values for one destination, in mapping order, and what is wrong with them: a value outside its
/// choices (code <c>invalid-choice</c>) or a value that could not be computed (code <c>invalid-value</c>). A
/// worker with problems should not be sent.
/// </summary>
public sealed record MappedWorker(string WorkerId, IReadOnlyList<MappedValue> Values, IReadOnlyList<WorkerIssue> Problems)
{
    public bool HasProblems => Problems.Count > 0;

    /// <summary>The value for a target (matched ignoring case), or null when it is empty or not mapped.</summary>
    public string? this[string target] =>
        Values.FirstOrDefault(v => string.Equals(v.Target, target, StringComparison.OrdinalIgnoreCase))?.Value;
}
