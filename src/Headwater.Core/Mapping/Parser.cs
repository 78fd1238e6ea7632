namespace Headwater.Core.Mapping;

/// <summary>
/// Recursive descent over the tokens:
/// <code>
/// expression := sum END
/// sum        := primary ('+' primary)*
/// primary    := STRING | NUMBER | 'true' | 'false' | 'null'
///             | NAME '(' [sum (',' sum)*] ')'      a function call
///             | NAME                               an attribute
///             | '(' sum ')'
/// </code>
/// Calls to pure functions whose arguments are all literals are evaluated here, once.
/// </summary>
internal sealed class Parser
{
    private const int MaxDepth = 64;

    private readonly List<Token> tokens;
    private int position;
    private int depth;

    private Parser(List<Token> tokens) => this.tokens = tokens;

    public List<string> References { get; } = [];
    public List<string> LookupTables { get; } = [];

    public static (Node Root, Parser Parser) Parse(string text)
    {
        var parser = new Parser(Tokenizer.Tokenize(text));
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw new ExpressionException(1, "the expression is empty; write '' for an empty text or null for no value");
        }
        var root = parser.ParseSum();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw new ExpressionException(parser.Peek.Column, $"expected '+' or the end of the expression, found {parser.Peek.Describe()}");
        }
        return (root, parser);
    }

    private Token Peek => tokens[position];

    private Token Next() => tokens[position++];

    private Node ParseSum()
    {
        var start = Peek;
        var first = ParsePrimary();
        if (Peek.Kind != TokenKind.Plus)
        {
            return first;
        }
        var parts = new List<Node> { first };
        while (Peek.Kind == TokenKind.Plus)
        {
            Next();
            parts.Add(ParsePrimary());
        }
        return Fold(new Concatenation([.. parts]), parts, start);
    }

    private Node ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.String:
            case TokenKind.Number:
                return new Literal(token.Text);
            case TokenKind.Identifier when Peek.Kind == TokenKind.LeftParen:
                return ParseCall(token);
            case TokenKind.Identifier:
                return (Node?)Keyword(token.Text) ?? AddReference(token.Text);
            case TokenKind.LeftParen:
                Enter(token);
                var inner = ParseSum();
                Expect(TokenKind.RightParen, $"expected ')' to close the '(' at column {token.Column}");
                depth--;
                return inner;
            default:
                throw new ExpressionException(token.Column,
                    $"expected a value (a string, a number, an attribute or a function call), found {token.Describe()}");
        }
    }

    private Node ParseCall(Token name)
    {
        if (!Functions.ByName.TryGetValue(name.Text, out var function))
        {
            throw new ExpressionException(name.Column, $"unknown function '{name.Text}'; the functions are {Functions.Names}");
        }
        Enter(name);
        Next();
        var arguments = new List<Node>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseSum());
            while (Peek.Kind == TokenKind.Comma)
            {
                Next();
                arguments.Add(ParseSum());
            }
        }
        Expect(TokenKind.RightParen, $"expected ')' after the arguments of {function.Name}");
        depth--;
        if (!function.Accepts(arguments.Count))
        {
            throw new ExpressionException(name.Column,
                $"{function.Name} takes {function.DescribeArguments()}: {function.Usage}; found {arguments.Count}");
        }
        Node[] array = [.. arguments];
        if (function.Check?.Invoke(array) is { } problem)
        {
            throw new ExpressionException(name.Column, problem);
        }
        if (function.Name == "lookup" && array[0] is Literal { Value: { } table } && !LookupTables.Contains(table, StringComparer.OrdinalIgnoreCase))
        {
            LookupTables.Add(table);
        }
        return function.Pure ? Fold(new Call(function, array), arguments, name) : new Call(function, array);
    }

    private void Expect(TokenKind kind, string problem)
    {
        var token = Next();
        if (token.Kind != kind)
        {
            throw new ExpressionException(token.Column, $"{problem}, found {token.Describe()}");
        }
    }

    private void Enter(Token token)
    {
        if (++depth > MaxDepth)
        {
            throw new ExpressionException(token.Column, $"the expression nests more than {MaxDepth} levels deep");
        }
    }

    private static Literal? Keyword(string name) => name.ToUpperInvariant() switch
    {
        "TRUE" => new Literal("true"),
        "FALSE" => new Literal("false"),
        "NULL" => new Literal(null),
        _ => null,
    };

    private Reference AddReference(string name)
    {
        if (!References.Contains(name, StringComparer.Ordinal))
        {
            References.Add(name);
        }
        return new Reference(name);
    }

    /// <summary>A node whose inputs are all literals has one value: compute it now (a problem is a parse error).</summary>
    private static Node Fold(Node node, List<Node> inputs, Token at)
    {
        if (!inputs.TrueForAll(input => input is Literal))
        {
            return node;
        }
        var scope = new Scope(Scope.NoAttributes, Scope.NoLookups);
        var value = node.Evaluate(ref scope);
        return scope.Problems is [var problem, ..] ? throw new ExpressionException(at.Column, problem) : new Literal(value);
    }
}
