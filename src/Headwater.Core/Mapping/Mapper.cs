using System.Collections.Frozen;
using Headwater.Core.Workers;

namespace Headwater.Core.Mapping;

/// <summary>
/// Computes a destination's attribute values for workers. Built once from the configured mappings (each
/// expression compiled once); <see cref="Map(Worker)"/> is then safe to call from many threads.
/// </summary>
public sealed class Mapper
{
    public const string InvalidChoice = "invalid-choice";
    public const string InvalidValue = "invalid-value";

    private readonly CompiledMapping[] compiled;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups;

    private Mapper(CompiledMapping[] compiled, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups)
    {
        this.compiled = compiled;
        this.lookups = lookups;
        Mappings = [.. compiled.Select(c => c.Mapping)];
    }

    public IReadOnlyList<AttributeMapping> Mappings { get; }

    /// <summary>
    /// Checks and compiles the mappings. Targets are compared ignoring case, as SCIM and LDAP compare attribute
    /// names; lookup table names and keys are matched ignoring case.
    /// </summary>
    /// <exception cref="MappingException">
    /// Lists every problem: an empty target, a target mapped twice, an expression that does not parse, a lookup
    /// table that is not supplied, empty choices, lookup keys that differ only in case.
    /// </exception>
    public static Mapper Create(
        IReadOnlyList<AttributeMapping> mappings,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? lookups = null)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        var problems = new List<string>();
        var tables = LookupTables.Normalise(lookups, problems);
        var compiled = new List<CompiledMapping>(mappings.Count);
        var firstByTarget = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < mappings.Count; i++)
        {
            if (Compile(mappings[i], i + 1, tables, firstByTarget, problems) is { } mapping)
            {
                compiled.Add(mapping);
            }
        }
        return problems.Count > 0 ? throw new MappingException(problems) : new Mapper([.. compiled], tables);
    }

    public MappedWorker Map(Worker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return Map(worker.Id, WorkerAttributes.ForLookup(worker));
    }

    /// <summary>Maps a worker given as attributes by name, as <see cref="WorkerAttributes.Of"/> gives them.</summary>
    public MappedWorker Map(string workerId, IReadOnlyDictionary<string, string?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var values = new MappedValue[compiled.Length];
        List<WorkerIssue>? problems = null;
        for (var i = 0; i < compiled.Length; i++)
        {
            var mapping = compiled[i];
            var scope = new Scope(attributes, lookups);
            var value = mapping.Expression.Evaluate(ref scope);
            value = value is null ? null : ControlCharacters.Remove(value);
            if (string.IsNullOrWhiteSpace(value))
            {
                value = null;
            }
            else if (ControlCharacters.FirstBidiOverride(value) is { } bidi)
            {
                (problems ??= []).Add(new WorkerIssue(ControlCharacters.BidiOverride, $"{mapping.Mapping.Target}: the value holds a " +
                    $"bidirectional override character (U+{(int)bidi:X4}), which can make it display as something it is not; correct it in UKG"));
            }
            if (scope.Problems is { } found)
            {
                foreach (var problem in found)
                {
                    (problems ??= []).Add(new WorkerIssue(InvalidValue, $"{mapping.Mapping.Target}: {problem}"));
                }
            }
            if (value is not null && mapping.Choices is { } choices && !choices.Contains(value))
            {
                (problems ??= []).Add(new WorkerIssue(InvalidChoice,
                    $"{mapping.Mapping.Target}: '{value}' is not one of the allowed values {mapping.ChoiceList}"));
            }
            values[i] = new MappedValue(mapping.Mapping.Target, value, mapping.Mapping.Applies, mapping.Mapping.WhenEmpty);
        }
        return new MappedWorker(workerId, values, problems is null ? [] : problems);
    }

    private static CompiledMapping? Compile(
        AttributeMapping? mapping,
        int number,
        FrozenDictionary<string, IReadOnlyDictionary<string, string>> tables,
        Dictionary<string, int> firstByTarget,
        List<string> problems)
    {
        if (mapping is null)
        {
            problems.Add($"mapping {number} is missing");
            return null;
        }
        var before = problems.Count;
        var target = mapping.Target;
        if (string.IsNullOrWhiteSpace(target))
        {
            problems.Add($"mapping {number} has no target");
            target = $"mapping {number}";
        }
        else if (!firstByTarget.TryAdd(target, number))
        {
            problems.Add($"{target}: mapped more than once (mappings {firstByTarget[target]} and {number})");
        }
        if (mapping.Choices is { Count: 0 })
        {
            problems.Add($"{target}: the list of allowed values is empty");
        }
        Expression? expression = null;
        try
        {
            expression = Expression.Parse(mapping.Expression ?? "");
        }
        catch (ExpressionException e)
        {
            problems.Add($"{target}: {e.Message} in {mapping.Expression}");
        }
        foreach (var table in expression?.LookupTables ?? [])
        {
            if (!tables.ContainsKey(table))
            {
                problems.Add($"{target}: there is no lookup table named '{table}' ({LookupTables.Describe(tables)})");
            }
        }
        return problems.Count > before || expression is null ? null : new CompiledMapping(mapping, expression);
    }

    private sealed class CompiledMapping(AttributeMapping mapping, Expression expression)
    {
        public AttributeMapping Mapping { get; } = mapping;
        public Expression Expression { get; } = expression;
        public FrozenSet<string>? Choices { get; } = mapping.Choices?.Where(c => c is not null).ToFrozenSet(StringComparer.Ordinal);
        public string ChoiceList { get; } = string.Join(", ", (mapping.Choices ?? []).Select(c => $"'{c}'"));
    }
}
