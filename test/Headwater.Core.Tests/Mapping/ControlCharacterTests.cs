using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;

namespace Headwater.Core.Tests.Mapping;

public sealed class ControlCharacterTests
{
    private static readonly Mapper Scim = Mapper.Create(ScimMapping.Defaults);

    [Theory]
    [InlineData("\u001b[31mAda\u001b[0m", "Ada")]
    [InlineData("\u001b]0;pwned\u0007Ada", "Ada")]
    [InlineData("Ada\u0007\u0000", "Ada")]
    [InlineData("Ad\u0085a", "Ada")]
    [InlineData("Siobhán", "Siobhán")]
    public void Control_characters_are_removed_from_every_value_sent(string firstName, string sent)
    {
        var mapped = Scim.Map(Workers.Zoe with { FirstName = firstName, PreferredName = null });

        Assert.Equal(sent, mapped["name.givenName"]);
        Assert.False(mapped.HasProblems);
    }

    [Fact]
    public void A_bidirectional_override_in_a_name_is_a_problem_that_names_the_character()
    {
        var mapped = Scim.Map(Workers.Zoe with { LastName = "Smith\u202egnp.exe", PreferredName = null });

        var problems = mapped.Problems.Where(p => p.Code == ControlCharacters.BidiOverride).ToList();
        Assert.Contains(problems, p => p.Message.StartsWith("name.familyName: ", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Contains("U+202E", p.Message, StringComparison.Ordinal));
    }
}
