namespace Headwater.Core.Tests.Mapping;

public sealed class ChoiceFunctionTests
{
    [Theory]
    [InlineData("coalesce(preferredName, firstName)", "Zoë")]
    [InlineData("coalesce(firstName)", "Zoë")]
    [InlineData("coalesce(blank, emptyText, null, noSuchAttribute, 'fallback')", "fallback")]
    [InlineData("coalesce(preferredName, blank)", null)]
    [InlineData("coalesce(' x ', 'y')", " x ")]
    [InlineData("default(preferredName, 'n/a')", "n/a")]
    [InlineData("default(firstName, 'n/a')", "Zoë")]
    [InlineData("default(blank, 'n/a')", "n/a")]
    [InlineData("default(null, null)", null)]
    public void Coalesce_and_default_give_the_first_value_that_is_not_blank(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("if(true, 'yes', 'no')", "yes")]
    [InlineData("if('TRUE', 'yes', 'no')", "yes")]
    [InlineData("if(false, 'yes', 'no')", "no")]
    [InlineData("if(null, 'yes', 'no')", "no")]
    [InlineData("if('1', 'yes', 'no')", "no")]
    [InlineData("if('yes', 'yes', 'no')", "no")]
    [InlineData("if(eq(state, 'active'), 'on', 'off')", "on")]
    [InlineData("if(empty(preferredName), firstName, preferredName)", "Zoë")]
    [InlineData("if(true, null, 'no')", null)]
    public void If_picks_the_first_branch_only_for_true(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("eq('Abc', 'aBC')", "true")]
    [InlineData("eq(state, 'ACTIVE')", "true")]
    [InlineData("eq('a', 'b')", "false")]
    [InlineData("eq(' a', 'a')", "false")]
    [InlineData("eq(null, '')", "true")]
    [InlineData("eq(preferredName, null)", "true")]
    [InlineData("eq(preferredName, 'x')", "false")]
    [InlineData("eq(1, '1')", "true")]
    public void Eq_compares_ignoring_case_with_null_equal_to_empty_text(string expression, string expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("empty(null)", "true")]
    [InlineData("empty('')", "true")]
    [InlineData("empty(blank)", "true")]
    [InlineData("empty(noSuchAttribute)", "true")]
    [InlineData("empty(firstName)", "false")]
    [InlineData("empty('0')", "false")]
    [InlineData("not(true)", "false")]
    [InlineData("not('True')", "false")]
    [InlineData("not('false')", "true")]
    [InlineData("not(null)", "true")]
    [InlineData("not('anything')", "true")]
    [InlineData("not(empty(firstName))", "true")]
    [InlineData("not(not(true))", "true")]
    public void Empty_and_not_answer_true_or_false(string expression, string expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("switch(code, 'FT', 'Full-time', 'PT', 'Part-time')", "Full-time")]
    [InlineData("switch('pt', 'FT', 'Full-time', 'PT', 'Part-time')", "Part-time")]
    [InlineData("switch('XX', 'FT', 'Full-time', 'PT', 'Part-time')", null)]
    [InlineData("switch('XX', 'FT', 'Full-time', 'PT', 'Part-time', 'Other')", "Other")]
    [InlineData("switch('FT', 'FT', 'Full-time', 'Other')", "Full-time")]
    [InlineData("switch(preferredName, 'FT', 'Full-time', firstName)", "Zoë")]
    [InlineData("switch(preferredName, '', 'none', 'x', 'y')", "none")]
    [InlineData("switch('FT', 'FT', null, 'Other')", null)]
    [InlineData("switch('b', 'a', 1, 'b', 2, 'b', 3)", "2")]
    [InlineData("switch(1, 1, 'one')", "one")]
    public void Switch_matches_keys_ignoring_case_with_an_optional_default(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("lookup('departments', 'FIN')", "Finance")]
    [InlineData("lookup('departments', 'fin')", "Finance")]
    [InlineData("lookup('DEPARTMENTS', 'ENG')", "Engineering")]
    [InlineData("lookup('departments', 'XXX')", null)]
    [InlineData("lookup('departments', 'XXX', 'Unknown')", "Unknown")]
    [InlineData("lookup('departments', null, 'Unknown')", "Unknown")]
    [InlineData("lookup('departments', preferredName)", null)]
    [InlineData("lookup('countries', 'US')", "United States")]
    [InlineData("lookup('depart' + 'ments', 'FIN')", "Finance")]
    [InlineData("lookup('nope', 'FIN', 'fallback')", "fallback")]
    [InlineData("lookup('departments', 'XXX', code)", "FT")]
    public void Lookup_finds_keys_ignoring_case_with_an_optional_default(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));
}
