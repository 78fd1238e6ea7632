using System.Runtime.CompilerServices;
using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Connectors.Files;
using Headwater.Connectors.Scim;
using Headwater.Core.Configuration;

namespace Headwater.Tests.Configuration;

/// <summary>The configuration model: a file reads into it and writes back out (YAML or JSON) to the same model, a model
/// built in code is checked by the same rules, problems are named by path (with the line when read from a file), secrets
/// stay references, and a destination's fingerprint follows its values, not its formatting.</summary>
public sealed class IntegrationModelTests
{
    private const string Password = "S3cret-Passw0rd!";
    private const string Token = "tok-9f8e7d6c5b4a";

    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["UKG_BASE_URL"] = "https://env.ultipro.com",
        ["UKG_USERNAME"] = "HEADWATER_SVC",
        ["UKG_PASSWORD"] = Password,
        ["UKG_CUSTOMER_API_KEY"] = "K7QWZ",
        ["LEARNING_SCIM_TOKEN"] = Token,
        ["EXPENSES_SCIM_PASSWORD"] = "expenses-" + Password,
        ["HEADWATER_DATA_DIR"] = "/tmp/headwater-config-tests",
    };

    private static string? Environment(string name) => Variables.GetValueOrDefault(name);

    private static string Example(string name, [CallerFilePath] string source = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "examples", name));

    [Theory]
    [InlineData("headwater.yaml")]
    [InlineData("file.yaml")]
    public void An_example_reads_back_to_the_same_model_from_the_YAML_and_the_JSON_written_from_it(string example)
    {
        var model = IntegrationFile.ReadModel(Example(example)).Config;

        var yaml = IntegrationFile.WriteYaml(model);
        var json = IntegrationFile.WriteJson(model);

        Assert.Equal(IntegrationFile.Canonical(model), IntegrationFile.Canonical(IntegrationFile.ReadModel(yaml).Config));
        Assert.Equal(IntegrationFile.Canonical(model), IntegrationFile.Canonical(IntegrationFile.ReadModelJson(json).Config));
        var fromFile = IntegrationFile.Parse(Example(example), Environment);
        var fromYaml = IntegrationFile.Parse(yaml, Environment);
        Assert.Equal(fromFile.Destinations.Select(d => d.Fingerprint), fromYaml.Destinations.Select(d => d.Fingerprint));
        Assert.Equal(fromFile.Destinations.Select(d => d.Options), IntegrationFile.ParseJson(json, Environment).Destinations.Select(d => d.Options));
    }

    [Fact]
    public void The_JSON_form_has_the_file_shape_with_numbers_and_booleans_bare()
    {
        var json = IntegrationFile.WriteJson(IntegrationFile.ReadModel(Example("headwater.yaml")).Config);

        Assert.Contains("\"readRoles\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"concurrency\": 8", json, StringComparison.Ordinal);
        Assert.Contains("\"token\": \"${LEARNING_SCIM_TOKEN}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"maxDeletionPercent\": \"none\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_built_in_code_is_checked_by_the_same_rules_without_lines()
    {
        var good = new IntegrationConfig(
        [
            new DestinationConfig("learning", "scim", new ScimConfig("https://app.example.com/scim/v2", new SecretRef("LEARNING_SCIM_TOKEN")),
                Lifecycle: new LifecycleConfig(Leave: "deactivate")),
            new DestinationConfig("people", "file", new FileConfig("/srv/people", Format: "jsonl")),
        ]);
        var bad = good with
        {
            Destinations =
            [
                good.Destinations[0] with
                {
                    Concurrency = "400",
                    Mapping = new MappingConfig(Attributes: [new AttributeConfig("title", "primary.jobTitle"), new AttributeConfig("nickName", "lowr(firstName)")]),
                },
                good.Destinations[1] with { Type = "scim" },
            ],
        };

        var integration = IntegrationFile.Validate(good, Environment);
        var problems = Assert.Throws<ConfigurationException>(() => IntegrationFile.Validate(bad, Environment)).Problems;

        Assert.Equal(Token, ((ScimOptions)integration.Destinations[0].Options).BearerToken);
        Assert.Equal(FileFormat.JsonLines, ((FileDestinationOptions)integration.Destinations[1].Options).Format);
        Assert.Equal(3, problems.Count);
        Assert.Equal("destinations[0].concurrency: 400 is outside 1..64", problems[0]);
        Assert.StartsWith("destinations[0].mapping.attributes[1].value: column 1: unknown function 'lowr'", problems[1], StringComparison.Ordinal);
        Assert.Equal("destinations[1].type: the settings given are not those of a scim destination", problems[2]);
    }

    [Fact]
    public void A_problem_found_in_the_model_names_its_line_when_the_model_came_from_a_file()
    {
        var yaml = "destinations:\n  - name: learning\n    type: scim\n    url: https://app.example.com/scim/v2\n" +
            "    token: ${LEARNING_SCIM_TOKEN}\n    lifecycle:\n      leave: sometimes\n";
        var json = """{ "destinations": [ { "name": "learning", "type": "scim", "url": "https://app.example.com/scim/v2",""" +
            """ "token": "${LEARNING_SCIM_TOKEN}", "lifecycle": { "leave": "sometimes" } } ] }""";

        var source = IntegrationFile.ReadModel(yaml);
        var withLines = Assert.Throws<ConfigurationException>(() => IntegrationFile.Validate(source.Config, Environment, lines: source.Lines));
        var withoutLines = Assert.Throws<ConfigurationException>(() => IntegrationFile.Validate(IntegrationFile.ReadModelJson(json).Config, Environment));

        const string Message = "'sometimes' is not one of keepActive, deactivate";
        Assert.Equal([$"destinations[0].lifecycle.leave (line 7): {Message}"], withLines.Problems);
        Assert.Equal([$"destinations[0].lifecycle.leave: {Message}"], withoutLines.Problems);
    }

    [Fact]
    public void Reading_the_model_reports_shape_problems_by_path_and_line_without_the_environment()
    {
        var problems = Assert.Throws<ConfigurationException>(() => IntegrationFile.ReadModel(
            "ukg:\n  password: hunter2\ndestinations:\n  - name: learning\n    type: scim\n    scope: { attribute: email }\n")).Problems;

        Assert.Equal(
            ["ukg.password (line 2): write ${UKG_PASSWORD}, not the secret itself", "destinations[0].scope (line 6): expected a list"],
            problems);
    }

    [Fact]
    public void Secrets_stay_references_in_the_export_and_never_appear_in_a_problem()
    {
        var yaml = Example("headwater.yaml");
        var model = IntegrationFile.ReadModel(yaml).Config;
        IntegrationFile.Validate(model, Environment);

        var exported = IntegrationFile.WriteYaml(model) + IntegrationFile.WriteJson(model);
        var broken = model with
        {
            Ukg = model.Ukg! with { BaseUrl = "ftp://${UKG_PASSWORD}" },
            Destinations = [.. model.Destinations.Select(d => d with { Name = "${LEARNING_SCIM_TOKEN}" })],
        };
        var problems = string.Join("\n", Assert.Throws<ConfigurationException>(() => IntegrationFile.Validate(broken, Environment)).Problems);

        Assert.Contains("${UKG_PASSWORD}", exported, StringComparison.Ordinal);
        Assert.Contains("${EXPENSES_SCIM_PASSWORD}", exported, StringComparison.Ordinal);
        Assert.Contains("${LEARNING_SCIM_TOKEN}", problems, StringComparison.Ordinal);
        foreach (var secret in new[] { Password, Token, "K7QWZ" })
        {
            Assert.DoesNotContain(secret, exported, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, problems, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lookup_table_with_no_entries_is_kept_whether_written_empty_or_with_nothing_after_its_name()
    {
        const string Yaml = """
            destinations:
              - name: learning
                type: scim
                mapping:
                  lookups:
                    badges:
                    regions: {}
                  attributes:
                    - { target: title, value: "lookup('badges', id, 'Staff')" }
                url: https://app.example.com/scim/v2
                token: ${LEARNING_SCIM_TOKEN}
            """;

        var model = IntegrationFile.ReadModel(Yaml).Config;

        var tables = model.Destinations.Single().Mapping!.Lookups!;
        Assert.Equal(["badges", "regions"], tables.Select(t => t.Name));
        Assert.All(tables, t => Assert.Empty(t.Entries));
        var fromJson = IntegrationFile.ReadModelJson(IntegrationFile.WriteJson(model)).Config;
        Assert.Equal(IntegrationFile.Canonical(model), IntegrationFile.Canonical(fromJson));
        Assert.Single(IntegrationFile.Parse(Yaml, Environment).Destinations);
    }

    [Fact]
    public void A_fingerprint_follows_the_values_not_the_formatting()
    {
        const string Block = """
            destinations:
              - name: learning
                type: scim
                url: https://app.example.com/scim/v2
                token: ${LEARNING_SCIM_TOKEN}
                scope:
                  - attribute: primary.companyCode
                    in: [C1, C2]
                safety:
                  maxDeletions: 10
            """;
        const string Flow = """
            # the same destination, written differently
            destinations:
              - { type: scim, name: learning,   token: "${LEARNING_SCIM_TOKEN}",
                  safety: { maxDeletions: 10 }, scope: [ { in: [C1, C2], attribute: primary.companyCode } ],
                  url: "https://app.example.com/scim/v2" }
            """;
        string Fingerprint(string yaml) => IntegrationFile.Parse(yaml, Environment).Destinations.Single().Fingerprint!;

        Assert.Equal(Fingerprint(Block), Fingerprint(Flow));
        Assert.NotEqual(Fingerprint(Block), Fingerprint(Block.Replace("C2", "C3", StringComparison.Ordinal)));
        Assert.NotEqual(Fingerprint(Block), Fingerprint(Block.Replace("maxDeletions: 10", "maxDeletions: 11", StringComparison.Ordinal)));
        Assert.NotEqual(Fingerprint(Block), Fingerprint(Block.Replace("scope:", "allowInsecureHttp: false\n    scope:", StringComparison.Ordinal)));
    }
}
