namespace Headwater.Core.Mapping;

/// <summary>Evaluates a call from its (unevaluated) arguments.</summary>
internal delegate string? FunctionBody(Node[] arguments, ref Scope scope);

/// <summary>
/// A function of the expression language. <see cref="Check"/> looks at arguments written as literals when the
/// expression is parsed and returns what is wrong with them, so a bad constant fails the configuration rather
/// than every worker. <see cref="Pure"/> functions of literals are evaluated once, when parsed.
/// </summary>
internal sealed record Function(string Name, int MinArguments, int MaxArguments, string Usage, FunctionBody Body)
{
    public Func<Node[], string?>? Check { get; init; }
    public bool Pure { get; init; } = true;

    public bool Accepts(int count) => count >= MinArguments && count <= MaxArguments;

    public string DescribeArguments() => (MinArguments, MaxArguments) switch
    {
        (var min, int.MaxValue) => $"{min} or more arguments",
        (1, 1) => "1 argument",
        var (min, max) when min == max => $"{min} arguments",
        var (min, max) when max == min + 1 => $"{min} or {max} arguments",
        var (min, max) => $"{min} to {max} arguments",
    };
}
