namespace Headwater.Core.Mapping;

/// <summary>A mapping that cannot be used, with every problem found in it, one per line.</summary>
public sealed class MappingException(IReadOnlyList<string> problems)
    : Exception($"The mapping has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems.Select(p => "- " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
