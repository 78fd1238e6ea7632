using Headwater.Core.Mapping;

namespace Headwater.Core.Tests.Mapping;

public sealed class ExpressionErrorTests
{
    private const string AValue = "expected a value (a string, a number, an attribute or a function call)";

    [Theory]
    [InlineData("", 1, "the expression is empty; write '' for an empty text or null for no value")]
    [InlineData("   ", 1, "the expression is empty; write '' for an empty text or null for no value")]
    [InlineData("lower(firstName", 16, "expected ')' after the arguments of lower, found the end of the expression")]
    [InlineData("lower(firstName lastName)", 17, "expected ')' after the arguments of lower, found 'lastName'")]
    [InlineData("concat('a', 'b' 'c')", 17, "expected ')' after the arguments of concat, found the string 'c'")]
    [InlineData("upper(x, 2 3)", 12, "expected ')' after the arguments of upper, found the number 3")]
    [InlineData("(firstName", 11, "expected ')' to close the '(' at column 1, found the end of the expression")]
    [InlineData("('a' + ('b')", 13, "expected ')' to close the '(' at column 1, found the end of the expression")]
    [InlineData("firstName lastName", 11, "expected '+' or the end of the expression, found 'lastName'")]
    [InlineData("lower(x))", 9, "expected '+' or the end of the expression, found ')'")]
    [InlineData("'a', 'b'", 4, "expected '+' or the end of the expression, found ','")]
    [InlineData("firstName +", 12, AValue + ", found the end of the expression")]
    [InlineData("+ firstName", 1, AValue + ", found '+'")]
    [InlineData("a + + b", 5, AValue + ", found '+'")]
    [InlineData("lower(x,)", 9, AValue + ", found ')'")]
    [InlineData("lower(,x)", 7, AValue + ", found ','")]
    [InlineData("()", 2, AValue + ", found ')'")]
    public void Syntax_errors_name_the_column_and_what_was_expected(string expression, int column, string problem) =>
        AssertFails(expression, column, problem);

    [Theory]
    [InlineData("'abc", 1, "the string starting here has no closing '")]
    [InlineData("lower(\"abc)", 7, "the string starting here has no closing \"")]
    [InlineData(@"'abc\", 1, "the string starting here has no closing '")]
    [InlineData(@"'a\nb'", 3, @"unknown escape '\n' in a string; only \' \"" and \\ are allowed")]
    [InlineData("firstName # lastName", 11, "unexpected character '#'")]
    [InlineData("x - y", 3, "unexpected character '-'")]
    [InlineData("employment[ABC.jobCode", 11, "expected ']' to close this '['")]
    [InlineData("employment[].jobCode", 11, "expected a name between '[' and ']'")]
    [InlineData("1.", 3, "expected a digit after the decimal point")]
    [InlineData("1.x", 3, "expected a digit after the decimal point")]
    public void Token_errors_name_the_column(string expression, int column, string problem) =>
        AssertFails(expression, column, problem);

    [Theory]
    [InlineData("'a' + lowr(x)", 7, "unknown function 'lowr'; the functions are ascii, coalesce, concat, date, default, empty, eq, if, left, lookup, lower, not, replace, right, substring, switch, trim, upper")]
    [InlineData("lower()", 1, "lower takes 1 argument: lower(x); found 0")]
    [InlineData("TRIM(a, b)", 1, "trim takes 1 argument: trim(x); found 2")]
    [InlineData("concat()", 1, "concat takes 1 or more arguments: concat(a, b, ...); found 0")]
    [InlineData("substring(x)", 1, "substring takes 2 or 3 arguments: substring(x, start[, length]); found 1")]
    [InlineData("x + left(x, 1, 2)", 5, "left takes 2 arguments: left(x, n); found 3")]
    [InlineData("right(x)", 1, "right takes 2 arguments: right(x, n); found 1")]
    [InlineData("replace(x, 'a')", 1, "replace takes 3 arguments: replace(x, find, with); found 2")]
    [InlineData("ascii()", 1, "ascii takes 1 argument: ascii(x); found 0")]
    [InlineData("date(x)", 1, "date takes 2 arguments: date(x, format); found 1")]
    [InlineData("coalesce()", 1, "coalesce takes 1 or more arguments: coalesce(a, b, ...); found 0")]
    [InlineData("default(x)", 1, "default takes 2 arguments: default(x, fallback); found 1")]
    [InlineData("switch(x, 'a')", 1, "switch takes 3 or more arguments: switch(x, key1, value1, ...[, default]); found 2")]
    [InlineData("lookup('t')", 1, "lookup takes 2 or 3 arguments: lookup('table', x[, default]); found 1")]
    [InlineData("if(a, b)", 1, "if takes 3 arguments: if(condition, then, else); found 2")]
    [InlineData("eq(a)", 1, "eq takes 2 arguments: eq(a, b); found 1")]
    [InlineData("empty(a, b)", 1, "empty takes 1 argument: empty(x); found 2")]
    [InlineData("not()", 1, "not takes 1 argument: not(x); found 0")]
    public void Unknown_functions_and_wrong_argument_counts_name_the_function(string expression, int column, string problem) =>
        AssertFails(expression, column, problem);

    [Theory]
    [InlineData("substring(x, 'a')", 1, "substring needs a whole number as argument 2, not 'a'")]
    [InlineData("substring(x, 1, null)", 1, "substring needs a whole number as argument 3, not null")]
    [InlineData("left(x, 1.5)", 1, "left needs a whole number as argument 2, not '1.5'")]
    [InlineData("right(x, 'two')", 1, "right needs a whole number as argument 2, not 'two'")]
    [InlineData("date(x, '')", 1, "the format is empty")]
    [InlineData("date(x, null)", 1, "the format is empty")]
    [InlineData("date(x, '%')", 1, "'%' is not a valid date format")]
    [InlineData("'on ' + date('31/12/2026', 'yyyy')", 9, "date: '31/12/2026' is not an ISO date such as 2026-11-23 or 2026-11-23T08:30:00")]
    public void Literal_arguments_a_function_cannot_use_are_parse_errors(string expression, int column, string problem) =>
        AssertFails(expression, column, problem);

    [Fact]
    public void Nesting_is_limited()
    {
        var expression = new string('(', 100) + "1" + new string(')', 100);

        AssertFails(expression, 65, "the expression nests more than 64 levels deep");
    }

    private static void AssertFails(string expression, int column, string problem)
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(expression));

        Assert.Equal($"column {column}: {problem}", error.Message);
        Assert.Equal(column, error.Column);
    }
}
