namespace Headwater.Configuration;

/// <summary>An integration file that cannot be used, with every problem found in it, each naming its path and,
/// where known, its line.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> problems, string? source = null)
    : Exception($"{source ?? "The integration file"} has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems.Select(p => "- " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
