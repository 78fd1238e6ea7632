using Headwater.Connectors.Ldap;
using Headwater.Core.Mapping;

namespace Headwater.Core.Tests.Mapping;

/// <summary>The directory profiles' default candidates for generated names, as the mapping computes them.</summary>
public sealed class LdapMappingTests
{
    private static MappedWorker Map(LdapProfile profile, string first, string last, string? middle = null, string? preferred = null,
        string? email = null) =>
        Mapper.Create(LdapMapping.For(profile, null, "'ou=' + primary.companyCode + ',dc=example,dc=com'")).Map("E1", new Dictionary<string, string?>
        {
            ["firstName"] = first, ["lastName"] = last, ["middleName"] = middle, ["preferredName"] = preferred, ["email"] = email,
            ["primary.companyCode"] = "C1",
        });

    [Theory]
    [InlineData("Zoë", "Ångström", "Marie", null, "zoe.angstrom", "zoe.m.angstrom")]
    [InlineData("Mary Ann", "O'Neil", null, null, "maryann.oneil", null)]
    [InlineData("Robert", "Smith", "James", "Bob", "bob.smith", "bob.j.smith")]
    public void The_uid_candidates_are_first_dot_last_then_with_the_middle_initial_folded_to_ASCII(
        string first, string last, string? middle, string? preferred, string uid, string? second)
    {
        var mapped = Map(LdapProfile.OpenLdap, first, last, middle, preferred);

        Assert.Empty(mapped.Problems);
        Assert.Equal((uid, second), (mapped["uid"], mapped["uid#2"]));
        Assert.Equal("ou=C1,dc=example,dc=com", mapped[LdapMapping.OuTarget]);
        Assert.Equal(MappingApplies.OnCreate, mapped.Values.Single(v => v.Target == "uid#2").Applies);
    }

    [Fact]
    public void Active_Directory_generates_the_CN_sAMAccountName_and_UPN_from_their_own_candidates()
    {
        var mapped = Map(LdapProfile.ActiveDirectory, "Zoë", "Ångström", "Marie", email: "Zoe.Angstrom@Example.com");

        Assert.Equal(("Zoë Ångström", "Zoë M. Ångström"), (mapped["cn"], mapped["cn#2"]));
        Assert.Equal(("zoe.angstrom", "zoe.m.angstrom"), (mapped["sAMAccountName"], mapped["sAMAccountName#2"]));
        Assert.Equal("zoe.angstrom@example.com", mapped["userPrincipalName"]);
        Assert.Null(mapped["uid"]);
    }

    [Fact]
    public void Candidates_written_in_unique_replace_the_profiles_own_for_that_attribute()
    {
        var mappings = LdapMapping.For(LdapProfile.OpenLdap, [("uid", ["lower(lastName)"]), ("mail", ["lower(lastName) + '@example.com'", "'x'"])], null);

        Assert.Equal(["uid", "mail", "mail#2"], mappings.Where(m => m.Applies == MappingApplies.OnCreate).Select(m => m.Target));
        Assert.DoesNotContain(mappings, m => m.Target == LdapMapping.OuTarget);
        Assert.Single(mappings, m => m.Target == "mail");
    }
}
