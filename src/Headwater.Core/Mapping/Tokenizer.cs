namespace Headwater.Core.Mapping;

/// <summary>
/// Splits an expression into tokens: quoted strings ('…' or "…", with \' \" and \\ escapes), numbers (an optional
/// leading minus, digits, an optional fraction), attribute names and function names (letters, digits, '_', '.' and
/// bracketed segments such as <c>employment[ABC12].jobCode</c>), and the punctuation ( ) , +.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i == text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", i + 1));
                return tokens;
            }
            var c = text[i];
            var start = i;
            var token = c switch
            {
                '(' => new Token(TokenKind.LeftParen, "(", start + 1),
                ')' => new Token(TokenKind.RightParen, ")", start + 1),
                ',' => new Token(TokenKind.Comma, ",", start + 1),
                '+' => new Token(TokenKind.Plus, "+", start + 1),
                '\'' or '"' => ReadString(text, ref i),
                _ when char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])) => ReadNumber(text, ref i),
                _ when char.IsLetter(c) || c == '_' => ReadIdentifier(text, ref i),
                _ => throw new ExpressionException(start + 1, $"unexpected character '{c}'"),
            };
            if (token.Kind is TokenKind.LeftParen or TokenKind.RightParen or TokenKind.Comma or TokenKind.Plus)
            {
                i++;
            }
            tokens.Add(token);
        }
    }

    private static Token ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i++];
        var value = new System.Text.StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\')
            {
                if (i + 1 == text.Length)
                {
                    i = text.Length;
                    break;
                }
                var escaped = text[i + 1];
                if (escaped is not ('\'' or '"' or '\\'))
                {
                    throw new ExpressionException(i + 1, $"unknown escape '\\{escaped}' in a string; only \\' \\\" and \\\\ are allowed");
                }
                value.Append(escaped);
                i += 2;
            }
            else
            {
                value.Append(text[i++]);
            }
        }
        if (i == text.Length)
        {
            throw new ExpressionException(start + 1, $"the string starting here has no closing {quote}");
        }
        i++;
        return new Token(TokenKind.String, value.ToString(), start + 1);
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        i++;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i == text.Length || !char.IsAsciiDigit(text[i]))
            {
                throw new ExpressionException(i + 1, "expected a digit after the decimal point");
            }
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        return new Token(TokenKind.Number, text[start..i], start + 1);
    }

    private static Token ReadIdentifier(string text, ref int i)
    {
        var start = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c is '_' or '.')
            {
                i++;
            }
            else if (c == '[')
            {
                var close = text.IndexOf(']', i + 1);
                if (close < 0)
                {
                    throw new ExpressionException(i + 1, "expected ']' to close this '['");
                }
                if (close == i + 1)
                {
                    throw new ExpressionException(i + 1, "expected a name between '[' and ']'");
                }
                i = close + 1;
            }
            else
            {
                break;
            }
        }
        return new Token(TokenKind.Identifier, text[start..i], start + 1);
    }
}
