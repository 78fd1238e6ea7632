namespace Headwater.Core.Mapping;

internal enum TokenKind { String, Number, Identifier, LeftParen, RightParen, Comma, Plus, End }

/// <summary>One token of an expression; <see cref="Text"/> is a string literal's value with escapes resolved.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Column)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.String => $"the string '{Text}'",
        TokenKind.Number => $"the number {Text}",
        _ => $"'{Text}'",
    };
}
