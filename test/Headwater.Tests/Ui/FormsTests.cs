using Headwater.Configuration.Model;
using Headwater.Core.Planning;
using Headwater.Ui;

namespace Headwater.Tests.Ui;

/// <summary>The Mapping and Policy forms as data: read from a destination, written back as briefly as by hand, and what
/// counts as loosening a safety limit.</summary>
public sealed class FormsTests
{
    private static readonly DestinationConfig Scim = new("app", "scim", null);

    [Fact]
    public void A_mapping_form_read_from_a_destination_writes_its_defaults_lookups_and_groups_back_as_they_were()
    {
        var destination = Scim with
        {
            Mapping = new MappingConfig("false", [new AttributeConfig("userName", "email")],
                [new LookupConfig("regions", [KeyValuePair.Create("NY", "East"), KeyValuePair.Create("CA", "West")])]),
            Groups = [new GroupConfig("lookup('regions', primary.state)", "Region: {}"), new GroupConfig("roles")],
        };

        var written = MappingForm.Of(destination).Apply(destination, out var places);

        Assert.Equal("false", written.Mapping!.Defaults);
        Assert.Equal([new AttributeConfig("userName", "email")], written.Mapping.Attributes!);
        var table = Assert.Single(written.Mapping.Lookups!);
        Assert.Equal("regions", table.Name);
        Assert.Equal([KeyValuePair.Create("NY", "East"), KeyValuePair.Create("CA", "West")], table.Entries);
        Assert.Equal([new GroupConfig("lookup('regions', primary.state)", "Region: {}"), new GroupConfig("roles")], written.Groups!);
        Assert.Equal([0, 1], places.Groups);
        Assert.Empty(places.LookupProblems);
    }

    [Fact]
    public void A_key_given_twice_in_one_table_is_a_problem_of_its_second_row_and_a_table_is_named_ignoring_case()
    {
        var problems = new Dictionary<int, List<string>>();

        var tables = MappingTables.ToLookups(
            [new("regions", "NY", "East"), new("", "", ""), new("REGIONS", "NY", "West"), new("regions", "CA", "West"), new("", "TX", "South")],
            problems);

        var table = Assert.Single(tables!);
        Assert.Equal(["NY", "CA"], table.Entries.Select(e => e.Key));
        Assert.Equal(["'NY' is also a key of this table in row 1"], problems[2]);
        Assert.Equal(["name the table"], problems[4]);
    }

    [Fact]
    public void A_lookup_table_with_no_entries_is_a_row_with_its_name_alone_and_is_written_back_with_no_entries()
    {
        var destination = Scim with { Mapping = new MappingConfig(Lookups: [new LookupConfig("badges", [])]) };
        var form = MappingForm.Of(destination);

        Assert.Equal(new LookupRow("badges", "", ""), form.Lookups[0]);
        var table = Assert.Single(form.Apply(destination, out var places).Mapping!.Lookups!);
        Assert.Equal("badges", table.Name);
        Assert.Empty(table.Entries);
        Assert.Empty(places.LookupProblems);

        var problems = new Dictionary<int, List<string>>();
        var tables = MappingTables.ToLookups([new("regions", "", ""), new("regions", "NY", "East"), new("roles", "", "Admin")], problems);
        Assert.Equal(["NY"], Assert.Single(tables!).Entries.Select(e => e.Key));
        Assert.Equal(["give the key"], problems[2]);
    }

    [Fact]
    public void Turning_the_defaults_back_on_over_rows_shown_without_them_keeps_every_default_and_leaves_the_key_out()
    {
        var destination = Scim with { Mapping = new MappingConfig("false", [new AttributeConfig("title", "'Staff'")]) };
        var form = MappingForm.Of(destination) with { Defaults = true };

        var written = form.Apply(destination, out _).Mapping!;

        Assert.Null(written.Defaults);
        Assert.Equal([new AttributeConfig("title", "'Staff'")], written.Attributes!);
    }

    [Fact]
    public void Only_a_limit_raised_or_turned_off_loosens_the_safety_limits()
    {
        var after = new SafetyLimits(MaxDeactivations: 10, MaxDeletions: 30) { MaxSourceDropPercent = null };

        Assert.Equal(
            ["Deletions per run: from 25 to 30", "Fewer people read from UKG Pro than at the last applied run, in %: from 10 to no limit"],
            SafetyForm.Loosened(new SafetyLimits(), after));
        Assert.Empty(SafetyForm.Loosened(SafetyLimits.None, new SafetyLimits()));
    }

    [Fact]
    public void A_change_of_the_match_keys_or_their_order_is_said_from_what_to_what_and_a_change_of_case_is_none()
    {
        Assert.Equal(["Match by: from externalId, email to email, externalId"],
            PolicyForm.MatchByChanged(["externalId", "email"], ["email", "externalId"]));
        Assert.Equal(["Match by: from externalId to nothing (never adopt)"], PolicyForm.MatchByChanged(["externalId"], []));
        Assert.Empty(PolicyForm.MatchByChanged(["externalId", "email"], ["ExternalId", "email"]));
    }

    [Fact]
    public void Match_keys_left_as_the_kind_matches_stay_out_of_the_policy_and_reordered_ones_are_written()
    {
        var form = PolicyForm.Of(Scim);
        Assert.Equal(["externalId", "email", "userName"], form.MatchBy);
        Assert.Null(form.Apply(Scim, out _).Lifecycle);

        var reordered = form with { MatchBy = ["email", "externalId"], Safety = new SafetyForm(["", "", "10"]) };
        var written = reordered.Apply(Scim, out _);

        Assert.Equal(["email", "externalId"], written.Lifecycle!.MatchBy!);
        Assert.Equal(new SafetyConfig(MaxDeletions: "10"), written.Safety);
    }
}
