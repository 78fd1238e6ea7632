namespace Headwater.Core.Tests.Mapping;

public sealed class TextFunctionTests
{
    [Theory]
    [InlineData("concat(firstName, ' ', lastName)", "Zoë Ørsted-Łukasz")]
    [InlineData("concat('a')", "a")]
    [InlineData("concat(preferredName)", "")]
    [InlineData("concat('a', null, 'b')", "ab")]
    [InlineData("concat(firstName, '-', 1, '-', 2, '-', 3)", "Zoë-1-2-3")]
    [InlineData("concat(concat('a', 'b'), 'c')", "abc")]
    public void Concat_joins_its_arguments_with_null_as_empty_text(string expression, string expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("trim('  a b  ')", "a b")]
    [InlineData("trim('\ta\n')", "a")]
    [InlineData("trim('ab')", "ab")]
    [InlineData("trim(blank)", "")]
    [InlineData("trim(preferredName)", null)]
    public void Trim_removes_surrounding_white_space(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("lower('ÀBC Def')", "àbc def")]
    [InlineData("lower(email)", "zoe.orsted@example.com")]
    [InlineData("lower(preferredName)", null)]
    [InlineData("upper('zoë d')", "ZOË D")]
    [InlineData("upper(code + 'x')", "FTX")]
    [InlineData("upper(preferredName)", null)]
    public void Lower_and_upper_change_case_in_the_invariant_culture(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("substring('abcdef', 2)", "cdef")]
    [InlineData("substring('abcdef', 2, 3)", "cde")]
    [InlineData("substring('abcdef', 0, 1)", "a")]
    [InlineData("substring('abcdef', 0, 100)", "abcdef")]
    [InlineData("substring('abcdef', 4, 10)", "ef")]
    [InlineData("substring('abcdef', 6)", "")]
    [InlineData("substring('abcdef', 10)", "")]
    [InlineData("substring('abcdef', -3, 2)", "ab")]
    [InlineData("substring('abcdef', 2, -1)", "")]
    [InlineData("substring('abcdef', '1', ' 2 ')", "bc")]
    [InlineData("substring(firstName, 0, 2)", "Zo")]
    [InlineData("substring(preferredName, 1)", null)]
    public void Substring_is_zero_based_and_clamped_to_the_text(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("left('abcdef', 3)", "abc")]
    [InlineData("left('ab', 5)", "ab")]
    [InlineData("left('ab', 0)", "")]
    [InlineData("left('ab', -1)", "")]
    [InlineData("left(preferredName, 2)", null)]
    [InlineData("right('abcdef', 2)", "ef")]
    [InlineData("right('ab', 5)", "ab")]
    [InlineData("right('ab', 0)", "")]
    [InlineData("right('ab', -4)", "")]
    [InlineData("right(preferredName, 2)", null)]
    public void Left_and_right_take_at_most_n_characters(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("replace('a-b-c', '-', '.')", "a.b.c")]
    [InlineData("replace(lastName, '-', '')", "ØrstedŁukasz")]
    [InlineData("replace('a-b', '-', null)", "ab")]
    [InlineData("replace('a-b', '', 'x')", "a-b")]
    [InlineData("replace('a-b', null, 'x')", "a-b")]
    [InlineData("replace('ABC', 'b', 'x')", "ABC")]
    [InlineData("replace('aaa', 'aa', 'b')", "ba")]
    [InlineData("replace(preferredName, 'a', 'b')", null)]
    public void Replace_swaps_every_exact_occurrence(string expression, string? expected) =>
        Assert.Equal(expected, Sample.Evaluate(expression));

    [Theory]
    [InlineData("Zoë Ørsted-Łukasz", "Zoe Orsted-Lukasz")]
    [InlineData("Müller", "Muller")]
    [InlineData("Straße", "Strasse")]
    [InlineData("François Señor", "Francois Senor")]
    [InlineData("Ångström", "Angstrom")]
    [InlineData("Ærøskøbing", "AEroskobing")]
    [InlineData("Đorđević", "Dordevic")]
    [InlineData("Işıl", "Isil")]
    [InlineData("Þór Guðmundsson", "Thor Gudmundsson")]
    [InlineData("Œuvre", "OEuvre")]
    [InlineData("Dvořák Čapek", "Dvorak Capek")]
    [InlineData("ﬁnn", "finn")]
    [InlineData("Plain ASCII 123", "Plain ASCII 123")]
    [InlineData("张伟", "张伟")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Ascii_folds_diacritics_and_spells_out_special_letters(string? x, string? expected) =>
        Assert.Equal(expected, Sample.EvaluateWith("ascii(x)", x));

    [Theory]
    [InlineData("Zoë Ørsted-Łukasz", "zoe orsted-lukasz")]
    [InlineData("Müller", "muller")]
    [InlineData("Straße", "strasse")]
    public void Lower_of_ascii_gives_a_plain_account_name(string x, string expected) =>
        Assert.Equal(expected, Sample.EvaluateWith("lower(ascii(x))", x));
}
