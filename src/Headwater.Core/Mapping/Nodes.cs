using System.Buffers;

namespace Headwater.Core.Mapping;

/// <summary>A compiled piece of an expression. Values are strings; null means "no value".</summary>
internal abstract class Node
{
    public abstract string? Evaluate(ref Scope scope);
}

internal sealed class Literal(string? value) : Node
{
    public string? Value { get; } = value;

    public override string? Evaluate(ref Scope scope) => Value;
}

/// <summary>A worker attribute by name; an attribute the worker does not have is null.</summary>
internal sealed class Reference(string name) : Node
{
    public string Name { get; } = name;

    public override string? Evaluate(ref Scope scope) => scope.Attributes.TryGetValue(Name, out var value) ? value : null;
}

/// <summary><c>a + b + …</c> and <c>concat(a, b, …)</c>: the parts joined, a null part counting as "".</summary>
internal sealed class Concatenation(Node[] parts) : Node
{
    public override string? Evaluate(ref Scope scope) => Join(parts, ref scope);

    public static string Join(Node[] parts, ref Scope scope)
    {
        switch (parts.Length)
        {
            case 1:
                return parts[0].Evaluate(ref scope) ?? "";
            case 2:
                return string.Concat(parts[0].Evaluate(ref scope), parts[1].Evaluate(ref scope));
            case 3:
                return string.Concat(parts[0].Evaluate(ref scope), parts[1].Evaluate(ref scope), parts[2].Evaluate(ref scope));
        }
        var values = ArrayPool<string?>.Shared.Rent(parts.Length);
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                values[i] = parts[i].Evaluate(ref scope);
            }
            return string.Concat(values.AsSpan(0, parts.Length));
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(values, clearArray: true);
        }
    }
}

/// <summary>A function call; the function evaluates its arguments itself, so unused branches cost nothing.</summary>
internal sealed class Call(Function function, Node[] arguments) : Node
{
    public Function Function { get; } = function;
    public Node[] Arguments { get; } = arguments;

    public override string? Evaluate(ref Scope scope) => Function.Body(Arguments, ref scope);
}
