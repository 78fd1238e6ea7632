namespace Headwater.Core.Scoping;

/// <summary>
/// Which workers a destination takes: every rule must hold. A worker outside the scope gets no account, and an
/// account Headwater manages for a worker who leaves the scope is handled by the destination's out-of-scope policy.
/// </summary>
public sealed class WorkerScope(IReadOnlyList<ScopeRule> rules)
{
    public static WorkerScope Everyone { get; } = new([]);

    public IReadOnlyList<ScopeRule> Rules { get; } = rules;

    /// <summary>Null when the worker is in scope; else why not (every failed rule, in words).</summary>
    public string? Excludes(IReadOnlyDictionary<string, string?> attributes)
    {
        List<string>? reasons = null;
        foreach (var rule in Rules)
        {
            if (rule.Why(attributes) is { } why)
            {
                (reasons ??= []).Add(why);
            }
        }
        return reasons is null ? null : string.Join("; ", reasons);
    }
}
