using Headwater.Core.Mapping;

namespace Headwater.Core.Tests.Mapping;

public sealed class MapperTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Departments =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["departments"] = new Dictionary<string, string> { ["FIN"] = "Finance Department" },
        };

    [Fact]
    public void Applies_and_when_empty_are_carried_to_each_value_in_mapping_order()
    {
        var mapper = Mapper.Create(
        [
            new("userName", "lower(email)", MappingApplies.OnCreate, WhenEmpty.Ignore),
            new("title", "primary.jobTitle"),
            new("nickName", "preferredName", MappingApplies.Always, WhenEmpty.Ignore),
        ]);

        var mapped = mapper.Map(Workers.Zoe);

        Assert.Equal(
            [
                new MappedValue("userName", "zoe.orsted@example.com", MappingApplies.OnCreate, WhenEmpty.Ignore),
                new MappedValue("title", "Payroll Analyst", MappingApplies.Always, WhenEmpty.Clear),
                new MappedValue("nickName", "Zo", MappingApplies.Always, WhenEmpty.Ignore),
            ],
            mapped.Values);
        Assert.Equal("E1001", mapped.WorkerId);
        Assert.Empty(mapped.Problems);
    }

    [Theory]
    [InlineData("middleName")]
    [InlineData("noSuchAttribute")]
    [InlineData("''")]
    [InlineData("'   '")]
    [InlineData("null")]
    [InlineData("trim(' ') + ' '")]
    public void A_null_or_blank_value_is_empty(string expression)
    {
        var mapped = Mapper.Create([new("nickName", expression)]).Map(Workers.Zoe);

        Assert.Null(Assert.Single(mapped.Values).Value);
        Assert.Empty(mapped.Problems);
    }

    [Fact]
    public void A_value_with_surrounding_spaces_is_kept_as_computed() =>
        Assert.Equal(" Zo ", Mapper.Create([new("nickName", "' ' + preferredName + ' '")]).Map(Workers.Zoe)["nickName"]);

    [Fact]
    public void Worker_attributes_include_every_employment_and_the_raw_ukg_values()
    {
        var mapper = Mapper.Create(
        [
            new("a", "employment[C2].jobTitle"),
            new("b", "ukg.person.emailAddress"),
            new("c", "primary.orgLevel2.name + '/' + primary.locationName"),
            new("d", "lifecycle.state"),
            new("e", "date(primary.originalHireDate, 'MMM yyyy')"),
        ]);

        var mapped = mapper.Map(Workers.Zoe);

        Assert.Equal(["Relief Driver", "zoe@personal.example", "Finance/Boston", "Active", "Jan 2020"], mapped.Values.Select(v => v.Value));
    }

    [Theory]
    [InlineData("Full-time", false)]
    [InlineData("Part-time", false)]
    [InlineData("full-time", true)]
    [InlineData("FULL-TIME", true)]
    [InlineData("Full-time ", true)]
    [InlineData("Contractor", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Choices_are_matched_exactly(string? value, bool flagged)
    {
        var mapper = Mapper.Create([new("employeeType", "x", Choices: ["Full-time", "Part-time"])]);

        var mapped = mapper.Map("E1", new Dictionary<string, string?> { ["x"] = value });

        Assert.Equal(flagged, mapped.HasProblems);
    }

    [Fact]
    public void A_value_outside_the_choices_is_flagged_naming_the_target_the_value_and_the_allowed_values()
    {
        var mapper = Mapper.Create(
        [
            new("employeeType", "switch(primary.fullTimeOrPartTime, 'F', 'full-time', 'P', 'Part-time')", Choices: ["Full-time", "Part-time"]),
        ]);

        var mapped = mapper.Map(Workers.Zoe);

        var problem = Assert.Single(mapped.Problems);
        Assert.Equal("invalid-choice", problem.Code);
        Assert.Equal("employeeType: 'full-time' is not one of the allowed values 'Full-time', 'Part-time'", problem.Message);
        Assert.Equal("full-time", mapped["employeeType"]);
    }

    [Fact]
    public void Values_that_cannot_be_computed_are_flagged_with_the_target()
    {
        var mapper = Mapper.Create(
        [
            new("startDate", "date(hired, 'yyyy-MM-dd')"),
            new("initials", "left(firstName, size)"),
            new("department", "lookup(table, 'FIN', 'none')"),
        ], Departments);

        var mapped = mapper.Map("E1", new Dictionary<string, string?>
        {
            ["hired"] = "23/11/2026",
            ["firstName"] = "Zoë",
            ["size"] = "two",
            ["table"] = "sites",
        });

        Assert.All(mapped.Problems, p => Assert.Equal("invalid-value", p.Code));
        Assert.Equal(
            [
                "startDate: date: '23/11/2026' is not an ISO date such as 2026-11-23 or 2026-11-23T08:30:00",
                "initials: left: the count 'two' is not a whole number",
                "department: lookup: there is no lookup table named 'sites'",
            ],
            mapped.Problems.Select(p => p.Message));
        Assert.Equal([null, null, "none"], mapped.Values.Select(v => v.Value));
    }

    [Fact]
    public void Lookup_tables_match_names_and_keys_ignoring_case()
    {
        var mapper = Mapper.Create([new("department", "lookup('Departments', lower(primary.orgLevel2.code))")], Departments);

        Assert.Equal("Finance Department", mapper.Map(Workers.Zoe)["department"]);
    }

    [Fact]
    public void Create_lists_every_problem_at_once()
    {
        var error = Assert.Throws<MappingException>(() => Mapper.Create(
        [
            new(" ", "firstName"),
            new("title", "lower(primary.jobTitle"),
            new("Title", "primary.jobTitle"),
            new("department", "lookup('sites', primary.locationCode)"),
            new("employeeType", "primary.employeeType", Choices: []),
            new("nickName", ""),
        ], Departments));

        Assert.Equal(
            [
                "mapping 1 has no target",
                "title: column 23: expected ')' after the arguments of lower, found the end of the expression in lower(primary.jobTitle",
                "Title: mapped more than once (mappings 2 and 3)",
                "department: there is no lookup table named 'sites' (the tables are 'departments')",
                "employeeType: the list of allowed values is empty",
                "nickName: column 1: the expression is empty; write '' for an empty text or null for no value in ",
            ],
            error.Problems);
        Assert.StartsWith("The mapping has 6 problems:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_reports_a_lookup_table_when_none_are_supplied()
    {
        var error = Assert.Throws<MappingException>(() => Mapper.Create([new("department", "lookup('sites', x)")]));

        Assert.Equal("department: there is no lookup table named 'sites' (no lookup tables are defined)", Assert.Single(error.Problems));
    }

    [Fact]
    public void Create_reports_lookup_tables_whose_names_or_keys_differ_only_in_case()
    {
        var lookups = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["sites"] = new Dictionary<string, string> { ["BOS"] = "Boston", ["bos"] = "Boston", ["nyc"] = "New York", ["NYC"] = "Newark" },
            ["Sites"] = new Dictionary<string, string>(),
        };

        var error = Assert.Throws<MappingException>(() => Mapper.Create([new("site", "x")], lookups));

        Assert.Equal(
            [
                "lookup table 'sites': the keys differing only in case from 'NYC' have different values ('New York' and 'Newark')",
                "lookup table 'Sites' is defined twice (names ignore case)",
            ],
            error.Problems);
    }

    [Fact]
    public void The_mapper_keeps_its_mappings()
    {
        AttributeMapping[] mappings = [new("a", "x"), new("b", "y", MappingApplies.OnCreate)];

        Assert.Equal(mappings, Mapper.Create(mappings).Mappings);
    }

    [Fact]
    public void Mapping_many_workers_in_parallel_gives_each_its_own_values()
    {
        var mapper = Mapper.Create([new("userName", "lower(ascii(firstName)) + '.' + id")]);

        var results = Enumerable.Range(0, 2000).AsParallel()
            .Select(i => mapper.Map($"E{i}", new Dictionary<string, string?> { ["id"] = $"{i}", ["firstName"] = "Zoë" }))
            .ToList();

        Assert.All(results, r => Assert.Equal($"zoe.{r.WorkerId[1..]}", r["userName"]));
    }
}
