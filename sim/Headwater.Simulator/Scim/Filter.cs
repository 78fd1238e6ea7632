using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Headwater.Simulator.Scim;

/// <summary>
/// A filter expression (RFC 7644 §3.4.2.2): <c>eq ne co sw ew gt ge lt le pr</c> on attribute paths (with value
/// filters such as <c>emails[type eq "work"].value</c>), combined with <c>and</c>, <c>or</c>, <c>not</c> and
/// parentheses. Strings compare in any case except <c>id</c> and <c>externalId</c>.
/// </summary>
internal abstract record Filter
{
    public abstract bool Matches(JsonObject resource);

    /// <summary>A plain <c>attribute eq "string"</c>, which a store can answer from an index.</summary>
    public virtual (string Attribute, string Value)? Equality => null;

    public static Filter Parse(string text)
    {
        var parser = new Parser(text);
        var filter = parser.Or();
        parser.End();
        return filter;
    }

    /// <summary>The index of the ']' closing the '[' at <paramref name="open"/>, skipping quoted strings; -1 if none.</summary>
    public static int ClosingBracket(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                i = ClosingQuote(text, i);
                if (i < 0)
                {
                    return -1;
                }
            }
            else if (text[i] == ']')
            {
                return i;
            }
        }
        return -1;
    }

    private static int ClosingQuote(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }
        return -1;
    }

    private sealed record Both(Filter Left, Filter Right) : Filter
    {
        public override bool Matches(JsonObject resource) => Left.Matches(resource) && Right.Matches(resource);
    }

    private sealed record Either(Filter Left, Filter Right) : Filter
    {
        public override bool Matches(JsonObject resource) => Left.Matches(resource) || Right.Matches(resource);
    }

    private sealed record Not(Filter Inner) : Filter
    {
        public override bool Matches(JsonObject resource) => !Inner.Matches(resource);
    }

    private sealed record Comparison(AttributePath Path, string Op, JsonValue? Value) : Filter
    {
        public override (string Attribute, string Value)? Equality =>
            Op == "eq" && Path is { Schema: null, ValueFilter: null, Sub: null } && Value?.GetValueKind() == JsonValueKind.String
                ? (Path.Attribute, Value.GetValue<string>())
                : null;

        public override bool Matches(JsonObject resource)
        {
            var values = Path.Select(resource).Where(v => v is not null && !(v is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>().Length == 0)).ToList();
            return Op switch
            {
                "pr" => values.Count > 0,
                "eq" when Value is null => values.Count == 0,
                "ne" when Value is null => values.Count > 0,
                "ne" => !values.Any(v => Test("eq", v)),
                _ => values.Any(v => Test(Op, v)),
            };
        }

        private bool Test(string op, JsonNode? actual)
        {
            if (actual is not JsonValue a || Value is null)
            {
                return false;
            }
            var comparison = Path.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            int order;
            switch (a.GetValueKind(), Value.GetValueKind())
            {
                case (JsonValueKind.String, JsonValueKind.String):
                    string have = a.GetValue<string>(), want = Value.GetValue<string>();
                    switch (op)
                    {
                        case "co": return have.Contains(want, comparison);
                        case "sw": return have.StartsWith(want, comparison);
                        case "ew": return have.EndsWith(want, comparison);
                        default: order = string.Compare(have, want, comparison); break;
                    }
                    break;
                case (JsonValueKind.Number, JsonValueKind.Number):
                    order = decimal.Parse(a.ToJsonString(), CultureInfo.InvariantCulture).CompareTo(decimal.Parse(Value.ToJsonString(), CultureInfo.InvariantCulture));
                    break;
                case (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) when op == "eq":
                    return a.GetValueKind() == Value.GetValueKind();
                default:
                    return false;
            }
            return op switch
            {
                "eq" => order == 0,
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                "le" => order <= 0,
                _ => false,
            };
        }
    }

    /// <summary>Recursive descent over the text: <c>or</c> binds looser than <c>and</c>.</summary>
    private sealed class Parser(string text)
    {
        private static readonly HashSet<string> Operators = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];
        private int _at;

        public Filter Or()
        {
            var left = And();
            while (Word("or"))
            {
                left = new Either(left, And());
            }
            return left;
        }

        public void End()
        {
            SkipSpaces();
            if (_at < text.Length)
            {
                throw Invalid($"unexpected '{text[_at..]}'");
            }
        }

        private Filter And()
        {
            var left = Term();
            while (Word("and"))
            {
                left = new Both(left, Term());
            }
            return left;
        }

        private Filter Term()
        {
            if (Word("not"))
            {
                return new Not(Group());
            }
            SkipSpaces();
            if (_at < text.Length && text[_at] == '(')
            {
                return Group();
            }
            var path = AttributePath.Parse(PathText(), "invalidFilter");
            SkipSpaces();
            var start = _at;
            while (_at < text.Length && char.IsAsciiLetter(text[_at]))
            {
                _at++;
            }
            var op = text[start.._at].ToLowerInvariant();
            if (op == "pr" || (op.Length == 0 && path is { ValueFilter: not null, Sub: null }))
            {
                return new Comparison(path, "pr", null);
            }
            if (!Operators.Contains(op))
            {
                throw Invalid($"expected an operator after '{text[..start].Trim()}'");
            }
            return new Comparison(path, op, Literal());
        }

        private Filter Group()
        {
            SkipSpaces();
            if (_at >= text.Length || text[_at] != '(')
            {
                throw Invalid("expected '('");
            }
            _at++;
            var inner = Or();
            SkipSpaces();
            if (_at >= text.Length || text[_at] != ')')
            {
                throw Invalid("expected ')'");
            }
            _at++;
            return inner;
        }

        private string PathText()
        {
            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is ':' or '.' or '_' or '-' or '$' or '['))
            {
                if (text[_at] == '[')
                {
                    _at = ClosingBracket(text, _at);
                    if (_at < 0)
                    {
                        throw Invalid("a '[' has no closing ']'");
                    }
                }
                _at++;
            }
            return _at > start ? text[start.._at] : throw Invalid("expected an attribute path");
        }

        private JsonValue? Literal()
        {
            SkipSpaces();
            var start = _at;
            if (_at < text.Length && text[_at] == '"')
            {
                _at = ClosingQuote(text, _at);
                if (_at < 0)
                {
                    throw Invalid("a string has no closing quote");
                }
                _at++;
            }
            else
            {
                while (_at < text.Length && !char.IsWhiteSpace(text[_at]) && text[_at] is not (')' or ']'))
                {
                    _at++;
                }
            }
            try
            {
                var node = JsonNode.Parse(text[start.._at]);
                return node is null or JsonValue ? (JsonValue?)node : throw Invalid("expected a string, number, true, false or null");
            }
            catch (JsonException)
            {
                throw Invalid($"'{text[start.._at]}' is not a string, number, true, false or null");
            }
        }

        private bool Word(string word)
        {
            SkipSpaces();
            var end = _at + word.Length;
            if (end <= text.Length && string.Compare(text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (end == text.Length || char.IsWhiteSpace(text[end]) || text[end] == '('))
            {
                _at = end;
                return true;
            }
            return false;
        }

        private void SkipSpaces()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private ScimException Invalid(string why) => ScimException.BadRequest("invalidFilter", $"The filter '{text}' is not valid: {why}.");
    }
}
