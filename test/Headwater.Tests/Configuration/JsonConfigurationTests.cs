using Headwater.Configuration;
using Headwater.Connectors.Scim;

namespace Headwater.Tests.Configuration;

/// <summary>An integration written as JSON (as the API will receive it) is read and checked by the same rules as YAML,
/// and its problems have the same paths, without lines.</summary>
public sealed class JsonConfigurationTests
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["UKG_BASE_URL"] = "https://env.ultipro.com",
        ["UKG_USERNAME"] = "HEADWATER_SVC",
        ["UKG_PASSWORD"] = "S3cret-Passw0rd!",
        ["UKG_CUSTOMER_API_KEY"] = "K7QWZ",
        ["LEARNING_SCIM_TOKEN"] = "tok-9f8e7d6c5b4a",
        ["HEADWATER_DATA_DIR"] = "/tmp/headwater-config-tests",
    };

    private const string Yaml = """
        destinations:
          - name: learning
            type: scim
            url: https://app.example.com/scim/v2
            token: ${LEARNING_SCIM_TOKEN}
            concurrency: 4
            mapping:
              attributes:
                - { target: title, value: "upper(primary.jobTitle)" }
            lifecycle: { leave: deactivate, matchBy: [externalId] }
            groups:
              - { from: primary.orgLevel2.name, name: "Department: {}" }
        """;

    private const string Json = """
        {
          "destinations": [
            {
              "name": "learning",
              "type": "scim",
              "url": "https://app.example.com/scim/v2",
              "token": "${LEARNING_SCIM_TOKEN}",
              "concurrency": 4,
              "mapping": { "attributes": [ { "target": "title", "value": "upper(primary.jobTitle)" } ] },
              "lifecycle": { "leave": "deactivate", "matchBy": ["externalId"] },
              "groups": [ { "from": "primary.orgLevel2.name", "name": "Department: {}" } ]
            }
          ]
        }
        """;

    [Fact]
    public void The_same_integration_in_JSON_and_YAML_reads_the_same()
    {
        var fromYaml = Assert.Single(IntegrationFile.Parse(Yaml, Variables.GetValueOrDefault).Destinations);
        var fromJson = Assert.Single(IntegrationFile.ParseJson(Json, Variables.GetValueOrDefault).Destinations);

        Assert.Equal(fromYaml.Name, fromJson.Name);
        Assert.Equal(fromYaml.Kind.Type, fromJson.Kind.Type);
        Assert.Equal((ScimOptions)fromYaml.Options, (ScimOptions)fromJson.Options);
        Assert.Equal(fromYaml.Concurrency, fromJson.Concurrency);
        Assert.Equal(fromYaml.Mapper.Mappings, fromJson.Mapper.Mappings);
        Assert.Equal(fromYaml.Policy.Leave, fromJson.Policy.Leave);
        Assert.Equal(fromYaml.Policy.MatchBy, fromJson.Policy.MatchBy);
        Assert.Equal(fromYaml.Groups.Rules, fromJson.Groups.Rules);
    }

    [Fact]
    public void Problems_in_JSON_are_named_by_the_same_paths_as_in_YAML()
    {
        var json = Json.Replace("\"deactivate\"", "\"sometimes\"", StringComparison.Ordinal).Replace("\"concurrency\": 4", "\"concurrency\": 400",
            StringComparison.Ordinal);

        var problems = Assert.Throws<ConfigurationException>(() => IntegrationFile.ParseJson(json, Variables.GetValueOrDefault)).Problems;

        Assert.Equal(
            [
                "destinations[0].concurrency: 400 is outside 1..64",
                "destinations[0].lifecycle.leave: 'sometimes' is not one of keepActive, deactivate",
            ],
            problems);
    }

    [Fact]
    public void Malformed_JSON_is_a_problem_with_its_line_not_an_exception()
    {
        var problem = Assert.Single(Assert.Throws<ConfigurationException>(() =>
            IntegrationFile.ParseJson("{\n  \"destinations\": [\n    { \"name\": }\n  ]\n}", Variables.GetValueOrDefault)).Problems);

        Assert.StartsWith("line 3: not valid JSON", problem, StringComparison.Ordinal);
    }
}
