using Headwater.Core.Mapping;

namespace Headwater.Core.Tests.Mapping;

public sealed class ExpressionSyntaxTests
{
    [Theory]
    [InlineData("'hello'", "hello")]
    [InlineData("\"hello\"", "hello")]
    [InlineData("''", "")]
    [InlineData("\"\"", "")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"'back\\slash'", @"back\slash")]
    [InlineData(@"'\""'", "\"")]
    [InlineData("'a \"double\" inside single'", "a \"double\" inside single")]
    [InlineData("\"a 'single' inside double\"", "a 'single' inside double")]
    [InlineData("'  spaces kept  '", "  spaces kept  ")]
    [InlineData("'Zoë + ( , )'", "Zoë + ( , )")]
    public void String_literals_in_either_quote_with_escapes(string expression, string expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("42", "42")]
    [InlineData("007", "007")]
    [InlineData("-7", "-7")]
    [InlineData("3.14", "3.14")]
    [InlineData("true", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("false", "false")]
    [InlineData("False", "false")]
    [InlineData("null", null)]
    [InlineData("NULL", null)]
    public void Numbers_are_their_text_and_booleans_are_true_or_false(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("firstName", "Zoë")]
    [InlineData("employment[ABC12].jobCode", "DEV")]
    [InlineData("ukg.person.emailAddress", "zoe@personal.example")]
    [InlineData("primary.orgLevel2.name", "Finance")]
    [InlineData("preferredName", null)]
    [InlineData("noSuchAttribute", null)]
    [InlineData("FirstName", null)]
    [InlineData("_private", null)]
    public void Attributes_are_read_by_exact_name_and_unknown_ones_are_null(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("firstName + ' ' + lastName", "Zoë Ørsted-Łukasz")]
    [InlineData("preferredName + lastName", "Ørsted-Łukasz")]
    [InlineData("null + null", "")]
    [InlineData("1 + 2", "12")]
    [InlineData("'a'+'b'", "ab")]
    [InlineData("firstName + '1' + '2' + '3' + '4'", "Zoë1234")]
    [InlineData("('a' + 'b') + ('c' + ('d'))", "abcd")]
    [InlineData("((firstName))", "Zoë")]
    [InlineData("  lower ( firstName )  ", "zoë")]
    [InlineData("\tupper(code)\n+\r\n'!'", "FT!")]
    public void Plus_concatenates_with_null_as_empty_text_and_parentheses_group(string expression, string expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("lower(firstName)")]
    [InlineData("LOWER(firstName)")]
    [InlineData("Lower(firstName)")]
    public void Function_names_ignore_case(string expression) => Assert.Equal("zoë", Sample.Evaluate(expression));

    [Theory]
    [InlineData("upper(lower(trim('  Ab  ')))", "AB")]
    [InlineData("lower(ascii(coalesce(preferredName, firstName))) + '.' + lower(ascii(replace(lastName, '-', '')))", "zoe.orstedlukasz")]
    [InlineData("left(lower(ascii(firstName)), 1) + lower(ascii(substring(lastName, 0, 6)))", "zorsted")]
    [InlineData("if(empty(preferredName), upper(left(firstName, 1)), preferredName) + '.'", "Z.")]
    [InlineData("switch(lookup('departments', 'fin'), 'Finance', concat('F', '-', code), 'other')", "F-FT")]
    public void Calls_nest(string expression, string expected) => Assert.Equal(expected, Sample.Evaluate(expression));

    [Fact]
    public void References_lists_each_attribute_once_in_order_of_appearance()
    {
        var expression = Expression.Parse(
            "coalesce(preferredName, firstName) + ' ' + lastName + lower(firstName) + lookup('departments', employment[ABC12].jobCode) + true + null");

        Assert.Equal(["preferredName", "firstName", "lastName", "employment[ABC12].jobCode"], expression.References);
    }

    [Fact]
    public void LookupTables_lists_the_tables_named_as_literals()
    {
        var expression = Expression.Parse("lookup('departments', x) + lookup('Departments', y) + lookup('sites', z) + lookup(t, x)");

        Assert.Equal(["departments", "sites"], expression.LookupTables);
    }

    [Theory]
    [InlineData("'a' + upper('b') + concat('c', 1)", true)]
    [InlineData("date('2026-11-23', 'yyyy')", true)]
    [InlineData("lookup('departments', 'FIN')", false)]
    [InlineData("upper(firstName)", false)]
    public void Expressions_of_literals_are_constant(string expression, bool constant) =>
        Assert.Equal(constant, Expression.Parse(expression).IsConstant);

    [Fact]
    public void Evaluation_without_lookup_tables_gives_the_lookup_default()
    {
        var expression = Expression.Parse("lookup('departments', 'FIN', 'none')");

        Assert.Equal("none", expression.Evaluate(Sample.Attributes));
    }

    [Fact]
    public void The_text_is_kept() => Assert.Equal("lower( x )", Expression.Parse("lower( x )").ToString());
}
