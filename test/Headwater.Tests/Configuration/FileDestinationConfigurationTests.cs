using System.Runtime.CompilerServices;
using Headwater.Configuration;
using Headwater.Connectors.Files;

namespace Headwater.Tests.Configuration;

/// <summary>A <c>type: file</c> destination in the integration file: the example loads, the defaults apply, and a
/// wrong key or value is reported at its path.</summary>
public sealed class FileDestinationConfigurationTests
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["UKG_BASE_URL"] = "https://env.ultipro.com",
        ["UKG_USERNAME"] = "HEADWATER_SVC",
        ["UKG_PASSWORD"] = "S3cret-Passw0rd!",
        ["UKG_CUSTOMER_API_KEY"] = "K7QWZ",
        ["HEADWATER_DATA_DIR"] = "/tmp/headwater-config-tests",
        ["EXPORT_DIR"] = "/srv/exports",
    };

    private static string? Environment(string name) => Variables.GetValueOrDefault(name);

    private static string File(string keys = "") => $"""
        destinations:
          - name: people
            type: file
            path: ${"{EXPORT_DIR}"}/people
        {string.Join("\n", keys.Split('\n').Select(line => line.Length == 0 ? line : "    " + line))}
        """;

    private static IReadOnlyList<string> Problems(string yaml) =>
        Assert.Throws<ConfigurationException>(() => IntegrationFile.Parse(yaml, Environment, "test.yaml")).Problems;

    /// <summary>examples/file.yaml, found from this source file (the tests run from the artifacts directory).</summary>
    private static string ExampleFile([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "examples", "file.yaml"));

    [Fact]
    public void The_file_example_loads_with_its_settings_and_mapping_applied()
    {
        var integration = IntegrationFile.Load(ExampleFile(), Environment);

        Assert.Equal(["payroll", "analytics"], integration.Destinations.Select(d => d.Name));
        var payroll = integration.Destination("payroll")!;
        Assert.IsType<FileKind>(payroll.Kind);
        var expected = new FileDestinationOptions
        {
            Folder = "/srv/exports/payroll", Format = FileFormat.Csv, Retain = 60, Inactive = InactivePeople.Keep,
        };
        Assert.Equal(expected, payroll.Options);
        Assert.Equal("primary.orgLevel3.name", payroll.Mapper.Mappings.Single(m => m.Target == "costCenter").Expression);
        Assert.Equal("payGroup", payroll.Mapper.Mappings[^1].Target);
        Assert.Empty(payroll.Policy.MatchBy);
        var analytics = (FileDestinationOptions)integration.Destination("analytics")!.Options;
        Assert.Equal((FileFormat.JsonLines, InactivePeople.Omit, FileDestinationOptions.DefaultRetain),
            (analytics.Format, analytics.Inactive, analytics.Retain));
    }

    [Fact]
    public void A_file_destination_with_only_a_path_gets_the_defaults()
    {
        var destination = IntegrationFile.Parse(File(), Environment).Destinations.Single();

        Assert.Equal(new FileDestinationOptions { Folder = "/srv/exports/people" }, destination.Options);
        Assert.Equal(FileMapping.Defaults.Select(m => m.Target), destination.Mapper.Mappings.Select(m => m.Target));
        Assert.Empty(destination.Policy.MatchBy);
    }

    [Fact]
    public void An_unknown_key_and_a_bad_format_are_reported_at_their_paths()
    {
        var problems = Problems(File("format: xlsx\nurl: https://x.example\nretain: 0"));

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p =>
            p.StartsWith("destinations[0].url (line 6): unknown key; the keys here are name, type,", StringComparison.Ordinal)
            && p.Contains("path, format, retain, inactive", StringComparison.Ordinal));
        Assert.Contains("destinations[0].format (line 5): 'xlsx' is not one of csv, jsonl", problems);
        Assert.Contains("destinations[0].retain (line 7): 0 is outside 1..100000", problems);
    }

    [Fact]
    public void A_file_destination_needs_a_path_has_no_groups_and_keeps_its_fixed_columns()
    {
        var problems = Problems(File("mapping:\n  attributes:\n    - { target: active, value: \"'yes'\" }\n" +
            "groups:\n  - { from: primary.orgLevel2.name, name: \"Department: {}\" }"));
        var noPath = Assert.Single(Problems("destinations:\n  - { name: people, type: file }"));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'active' is a column every file has", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("destinations[0].groups", StringComparison.Ordinal)
            && p.Contains("this kind of destination has no groups", StringComparison.Ordinal));
        Assert.Equal("destinations[0].path (line 2): required", noPath);
    }
}
