using System.Runtime.CompilerServices;
using Headwater.Configuration;
using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;

namespace Headwater.Tests.Configuration;

/// <summary>The integration file: the example loads, each rule is enforced, every problem is listed with its path
/// and line, the environment stands in for an absent <c>ukg:</c>, and secrets never appear in a message.</summary>
public sealed class IntegrationFileTests
{
    private const string Password = "S3cret-Passw0rd!";
    private const string ApiKey = "K7QWZ";
    private const string Token = "tok-9f8e7d6c5b4a";

    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["UKG_BASE_URL"] = "https://env.ultipro.com",
        ["UKG_USERNAME"] = "HEADWATER_SVC",
        ["UKG_PASSWORD"] = Password,
        ["UKG_CUSTOMER_API_KEY"] = ApiKey,
        ["LEARNING_SCIM_TOKEN"] = Token,
        ["EXPENSES_SCIM_PASSWORD"] = "expenses-" + Password,
        ["HEADWATER_DATA_DIR"] = "/tmp/headwater-config-tests",
    };

    private static string? Environment(string name) => Variables.GetValueOrDefault(name);

    /// <summary>A valid file with one destination; <paramref name="destination"/> is appended to it, indented as
    /// its keys (line 6 onwards).</summary>
    private static string File(string destination = "") => $$"""
        destinations:
          - name: learning
            type: scim
            url: https://app.example.com/scim/v2
            token: ${LEARNING_SCIM_TOKEN}
        {{Indent(destination)}}
        """;

    private static string Indent(string text) =>
        string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));

    private static IReadOnlyList<string> Problems(string yaml, Func<string, string?>? environment = null) =>
        Assert.Throws<ConfigurationException>(() => IntegrationFile.Parse(yaml, environment ?? Environment, "test.yaml")).Problems;

    /// <summary>examples/headwater.yaml, found from this source file (the tests run from the artifacts directory).</summary>
    private static string ExampleFile([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "examples", "headwater.yaml"));

    [Fact]
    public void The_example_file_loads_with_every_section_applied()
    {
        var integration = IntegrationFile.Load(ExampleFile(), Environment);

        Assert.Equal(new Uri("https://service2.ultipro.com/"), integration.Ukg.Connection.BaseUrl);
        Assert.Equal("America/Chicago", integration.Ukg.Connection.TimeZone);
        Assert.True(integration.Ukg.ReadRoles);
        Assert.Equal(["learning", "expenses"], integration.Destinations.Select(d => d.Name));

        var learning = integration.Destination("learning")!;
        Assert.Equal(Token, ((ScimOptions)learning.Options).BearerToken);
        Assert.Equal(ScimFilterSupport.UserName | ScimFilterSupport.ExternalId, ((ScimOptions)learning.Options).Compatibility.SupportedFilters);
        Assert.Equal(3, learning.Scope.Rules.Count);
        Assert.Equal(ScopeTest.Present, learning.Scope.Rules[2].Test);
        var targets = learning.Mapper.Mappings.Select(m => m.Target).ToList();
        Assert.DoesNotContain($"{ScimMapping.EnterpriseUser}:costCenter", targets);
        Assert.Equal("coalesce(primary.jobTitle, 'Staff')", learning.Mapper.Mappings.Single(m => m.Target == "title").Expression);
        Assert.Equal(["Full-time", "Part-time"], learning.Mapper.Mappings.Single(m => m.Target == "userType").Choices!);
        Assert.Equal(2, learning.Groups.Rules.Count);
        Assert.Equal(CreateWhen.HireDate, learning.Policy.CreateWhen);
        Assert.Equal(7, learning.Policy.DaysBeforeHire);
        Assert.Equal(NewAccountState.PendingUntilStart, learning.Policy.NewAccounts);
        Assert.Equal(TimeSpan.FromDays(90), learning.Policy.DeleteAfter);
        Assert.Equal([AccountKey.ExternalId, AccountKey.Email], learning.Policy.MatchBy.Select(m => m.Key));
        Assert.Equal(new SafetyLimits(25, 5, 10, null), learning.Limits);

        var expenses = integration.Destination("expenses")!;
        Assert.Equal("headwater", ((ScimOptions)expenses.Options).UserName);
        Assert.Equal(ScimUpdateMethod.Put, ((ScimOptions)expenses.Options).Compatibility.UpdateMethod);
        Assert.False(((ScimOptions)expenses.Options).Compatibility.GroupsEnabled);
        Assert.Equal(MappingApplies.OnCreate, expenses.Mapper.Mappings.Single(m => m.Target == "userName").Applies);
        Assert.Equal(CreateWhen.Appears, expenses.Policy.CreateWhen);
        Assert.Equal(OutOfScopePolicy.Ignore, expenses.Policy.OutOfScope);
        Assert.Same(GroupRules.None, expenses.Groups);
        Assert.Equal(8, expenses.Concurrency);
    }

    [Fact]
    public void A_destination_with_only_its_connection_gets_the_defaults()
    {
        var destination = IntegrationFile.Parse(File(), Environment).Destinations.Single();

        Assert.Equal(ScimMapping.Defaults.Select(m => m.Target), destination.Mapper.Mappings.Select(m => m.Target));
        Assert.Equal(new ScimKind().MatchBy, destination.Policy.MatchBy);
        Assert.Equal(new SafetyLimits(), destination.Limits);
        Assert.Same(WorkerScope.Everyone, destination.Scope);
        Assert.Equal(8, destination.Concurrency);
    }

    [Fact]
    public void Without_a_ukg_section_the_UKG_variables_apply()
    {
        var integration = IntegrationFile.Parse(File(), Environment);

        Assert.Equal(new Uri("https://env.ultipro.com/"), integration.Ukg.Connection.BaseUrl);
        Assert.Equal(Password, integration.Ukg.Connection.Password);
        Assert.Equal(Path.GetFullPath("/tmp/headwater-config-tests"), integration.Ukg.Data.DataDirectory);
    }

    [Fact]
    public void Keys_the_ukg_section_omits_fall_back_to_their_variables()
    {
        var integration = IntegrationFile.Parse("ukg:\n  baseUrl: ${UKG_HOST}\n  companyId: C1\n" + File(), name => name == "UKG_HOST" ? "file.ultipro.com" : Environment(name));

        Assert.Equal(new Uri("https://file.ultipro.com/"), integration.Ukg.Connection.BaseUrl);
        Assert.Equal("C1", integration.Ukg.Connection.CompanyId);
        Assert.Equal("HEADWATER_SVC", integration.Ukg.Connection.UserName);
    }

    [Fact]
    public void An_unknown_key_is_named_with_the_keys_allowed_there()
    {
        var problem = Assert.Single(Problems(File("concurency: 4")));

        Assert.StartsWith("destinations[0].concurency (line 6): unknown key; the keys here are name, type, url, allowInsecureHttp, token,", problem);
    }

    [Fact]
    public void An_unknown_enum_value_names_the_allowed_ones_and_case_is_ignored()
    {
        Assert.Equal(
            ["destinations[0].lifecycle.create (line 7): 'onHire' is not one of onHireDate, whenSeen"],
            Problems(File("lifecycle:\n  create: onHire")));

        var policy = IntegrationFile.Parse(File("lifecycle:\n  create: WHENSEEN\n  leave: Deactivate"), Environment).Destinations[0].Policy;
        Assert.Equal(CreateWhen.Appears, policy.CreateWhen);
        Assert.Equal(LeavePolicy.Deactivate, policy.Leave);
    }

    [Theory]
    [InlineData("", TerminationToday.AtOnce)]
    [InlineData("lifecycle:\n  terminationToday: endOfDay", TerminationToday.EndOfDay)]
    [InlineData("lifecycle:\n  terminationToday: atOnce", TerminationToday.AtOnce)]
    public void A_termination_dated_today_ends_access_at_once_unless_the_file_says_at_the_end_of_the_day(string yaml, TerminationToday expected)
    {
        var policy = IntegrationFile.Parse(File(yaml), Environment).Destinations[0].Policy;

        Assert.Equal(expected, policy.TerminationToday);
        Assert.Equal(
            ["destinations[0].lifecycle.terminationToday (line 7): 'tonight' is not one of atOnce, endOfDay"],
            Problems(File("lifecycle:\n  terminationToday: tonight")));
    }

    [Fact]
    public void An_unset_variable_is_named_with_the_path()
    {
        Assert.Equal(
            ["destinations[0].url (line 4): the environment variable SCIM_HOST is not set"],
            Problems(File().Replace("https://app.example.com", "https://${SCIM_HOST}", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_literal_secret_is_refused_without_being_echoed()
    {
        var problems = Problems("ukg:\n  password: hunter2-literal\n" + File().Replace("${LEARNING_SCIM_TOKEN}", "abc${LEARNING_SCIM_TOKEN}", StringComparison.Ordinal));

        Assert.Equal(
            ["ukg.password (line 2): write ${UKG_PASSWORD}, not the secret itself",
             "destinations[0].token (line 7): write ${LEARNING_SCIM_TOKEN}, not the secret itself"],
            problems);
        Assert.DoesNotContain("hunter2", string.Join("\n", problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Destination_names_are_unique()
    {
        var yaml = File() + """
              - name: Learning
                type: scim
                url: https://other.example.com/scim/v2
                token: ${LEARNING_SCIM_TOKEN}
            """;

        Assert.Equal(
            ["destinations[1].name (line 6): 'Learning' is also the name of destinations[0]; names must be unique",
             "destinations[1].name (line 6): 'Learning' must be lower-case letters, digits and '-'"],
            Problems(yaml));
    }

    [Fact]
    public void At_least_one_destination_is_required()
    {
        Assert.Equal(["destinations (line 1): at least one destination is required"], Problems("destinations: []"));
        Assert.Equal(["destinations (line 1): at least one destination is required"], Problems("ukg: {}"));
    }

    [Fact]
    public void A_bad_expression_is_reported_at_its_value()
    {
        var problem = Assert.Single(Problems(File("""
            mapping:
              attributes:
                - { target: title, value: "primary.jobTitle" }
                - { target: nickName, value: "lowr(firstName)" }
            """)));

        Assert.StartsWith("destinations[0].mapping.attributes[1].value (line 9): column 1: unknown function 'lowr'", problem);
    }

    [Fact]
    public void Removing_a_mapping_that_is_not_a_default_is_an_error()
    {
        Assert.Equal(
            ["destinations[0].mapping.attributes[0].target (line 8): there is no default mapping for 'nickName' to remove"],
            Problems(File("mapping:\n  attributes:\n    - { target: nickName, remove: true }")));
    }

    [Fact]
    public void A_mapping_without_a_userName_is_refused()
    {
        Assert.Equal(
            ["destinations[0].mapping (line 7): a SCIM user needs a userName: map one, or keep the defaults"],
            Problems(File("mapping:\n  defaults: false\n  attributes:\n    - { target: title, value: primary.jobTitle }")));
    }

    [Fact]
    public void A_bad_scope_rule_is_reported_at_its_test()
    {
        var problems = Problems(File("""
            scope:
              - { attribute: primary.lastHireDate, onOrAfter: 01/02/2020 }
              - { attribute: email, present: true, in: [a] }
              - { attribute: email }
            """));

        Assert.Equal(
            ["destinations[0].scope[0].onOrAfter (line 7): 'OnOrAfter' needs one date written yyyy-MM-dd",
             "destinations[0].scope[1].attribute (line 8): give one test, not in and present",
             "destinations[0].scope[2].attribute (line 9): give one test: in, notIn, present, onOrAfter, onOrBefore, matches"],
            problems);
    }

    [Fact]
    public void Present_false_means_absent()
    {
        var rule = IntegrationFile.Parse(File("scope:\n  - { attribute: email, present: false }"), Environment).Destinations[0].Scope.Rules.Single();

        Assert.Equal(ScopeTest.Absent, rule.Test);
    }

    [Fact]
    public void A_group_name_without_a_placeholder_is_reported_at_its_name()
    {
        Assert.Equal(
            ["destinations[0].groups[1].name (line 8): the name 'Everyone' needs {} where the value goes, e.g. 'Department: {}'"],
            Problems(File("groups:\n  - { from: primary.orgLevel2.name, name: 'Department: {}' }\n  - { from: primary.companyCode, name: Everyone }")));
    }

    [Fact]
    public void Safety_limits_may_be_switched_off_with_none_or_no_value()
    {
        var limits = IntegrationFile.Parse(File("safety: { maxDeactivations: none, maxDeletions: ~, maxDeletionPercent: 10 }"), Environment).Destinations[0].Limits;

        Assert.Equal(new SafetyLimits(null, 5, null, 10), limits);
    }

    [Fact]
    public void Every_problem_in_the_file_is_listed_at_once_with_its_path_and_line()
    {
        var yaml = """
            ukg:
              timeZone: Mars/Olympus
              pasword: x
            destinations:
              - name: learning
                type: ldapx
                url: not a url
                token: ${LEARNING_SCIM_TOKEN}
                concurrency: 100
                compatibility: { update: post, filters: [userName, phone] }
                mapping:
                  attributes:
                    - { target: title, value: "upper(", whenEmpty: never }
                lifecycle: { matchBy: [email, email], deleteAfterDays: soon }
                safety: { maxDeletionPercent: 150 }
            """;

        Assert.Equal(
            [
                "ukg.pasword (line 3): unknown key; the keys here are baseUrl, username, password, customerApiKey, companyId, timeZone, readRoles",
                "ukg.timeZone (line 2): 'Mars/Olympus' is not a known time zone (use an IANA name such as America/Chicago).",
                "destinations[0].type (line 6): 'ldapx' is not one of scim, file, ldap, webhook",
                "destinations[0].url (line 7): 'not a url' is not an absolute http(s) URL, e.g. https://app.example.com/scim/v2",
                "destinations[0].compatibility.update (line 10): 'post' is not one of patch, put",
                "destinations[0].compatibility.filters[1] (line 10): 'phone' is not one of userName, externalId, emails",
                "destinations[0].concurrency (line 9): 100 is outside 1..64",
                "destinations[0].mapping.attributes[0].whenEmpty (line 13): 'never' is not one of clear, ignore",
                "destinations[0].lifecycle.deleteAfterDays (line 14): 'soon' is not a whole number",
                "destinations[0].lifecycle.matchBy (line 14): each key may be given once",
                "destinations[0].safety.maxDeletionPercent (line 15): 150 is outside 0..100",
            ],
            Problems(yaml));
    }

    [Fact]
    public void A_YAML_syntax_error_gives_its_line()
    {
        var problem = Assert.Single(Problems("destinations:\n  - name: learning\n    url: \"unclosed\n"));

        Assert.StartsWith("line ", problem);
        Assert.DoesNotContain("Idx", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_names_the_file_and_never_holds_a_secret()
    {
        // Everything here is wrong in a way that might tempt a message to show a value.
        var yaml = """
            ukg:
              baseUrl: ftp://${UKG_PASSWORD}
              password: ${UKG_PASSWORD}
              customerApiKey: K7QWZ
            data:
              postgres: Host=db;Password=S3cret-Passw0rd!
            destinations:
              - name: learning
                type: scim
                url: https://app.example.com/scim/v2
                token: ${LEARNING_SCIM_TOKEN}
                username: ${LEARNING_SCIM_TOKEN}
            """;

        var exception = Assert.Throws<ConfigurationException>(() => IntegrationFile.Parse(yaml, Environment, "learning.yaml"));

        Assert.StartsWith("learning.yaml has ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ukg.customerApiKey (line 4): write ${UKG_CUSTOMER_API_KEY}, not the secret itself", exception.Problems);
        Assert.Contains("data.postgres (line 6): write ${HEADWATER_POSTGRES}, not the secret itself", exception.Problems);
        Assert.Contains(exception.Problems, p => p.StartsWith("destinations[0].token (line 11): Give the SCIM destination either a bearer token", StringComparison.Ordinal));
        foreach (var secret in new[] { ApiKey, Token, "S3cret" })
        {
            Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_file_is_a_configuration_problem()
    {
        var exception = Assert.Throws<ConfigurationException>(() => IntegrationFile.Load("/nonexistent/headwater.yaml", Environment));

        Assert.Contains("/nonexistent/headwater.yaml", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SCIM_url_over_plain_http_to_another_host_is_refused_unless_allowed_explicitly()
    {
        var insecure = File().Replace("https://app.example.com/scim/v2", "http://app.example.com/scim/v2", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(insecure));
        var allowed = IntegrationFile.Parse(File("allowInsecureHttp: true").Replace("https://", "http://", StringComparison.Ordinal), Environment).Destinations.Single();
        var local = IntegrationFile.Parse(insecure.Replace("app.example.com", "localhost:8080", StringComparison.Ordinal), Environment);

        Assert.StartsWith("destinations[0].url (line 4): 'http://app.example.com/scim/v2' uses http://", problem, StringComparison.Ordinal);
        Assert.Contains("allowInsecureHttp: true", problem, StringComparison.Ordinal);
        Assert.True(((ScimOptions)allowed.Options).AllowInsecureHttp);
        Assert.Equal("http://localhost:8080/scim/v2", ((ScimOptions)local.Destinations.Single().Options).BaseUrl.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://app.example.com/scim/v2?key=abc")]
    [InlineData("https://app.example.com/scim/v2#Users")]
    public void A_SCIM_url_with_a_query_or_fragment_is_refused_at_its_path(string url)
    {
        var yaml = File().Replace("https://app.example.com/scim/v2", url, StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.StartsWith("destinations[0].url (line 4): 'https://app.example.com/scim/v2' must not have a query", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("key=abc", problem, StringComparison.Ordinal);
    }
}
