namespace Headwater.Core.Mapping;

/// <summary>A mapping expression that cannot be parsed. The message starts with the 1-based column it concerns.</summary>
public sealed class ExpressionException(int column, string problem) : Exception($"column {column}: {problem}")
{
    public int Column { get; } = column;
}
