using System.Net;
using System.Text.Json;

namespace Headwater.Tests.Service;

/// <summary><c>POST /api/integrations/{name}/destinations/{destination}/check</c>: one destination tested with its stored
/// settings against the real peer (the SCIM test server, OpenLDAP slapd), a failure named with its fix, and 404s.</summary>
public sealed class DestinationCheckApiTests
{
    private const string LdapVariable = "HEADWATER_TEST_LDAP";
    private const string LdapPasswordVariable = "DIRECTORY_LDAP_PASSWORD";

    [Fact]
    public async Task A_scim_destination_passes_with_its_stored_token_and_fails_with_a_wrong_one_saying_what_to_do()
    {
        await using var scenario = await ServiceScenario.StartAsync(employees: 1);
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));

        var passed = await scenario.PostAsync("/api/integrations/hr/destinations/app/check");

        Assert.Equal("hr", passed.GetProperty("integration").GetString());
        Assert.Equal("app", passed.GetProperty("destination").GetString());
        Assert.True(passed.GetProperty("passed").GetBoolean());
        Assert.Contains("GET Users answered 200", passed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, passed.GetProperty("fix").ValueKind);

        var values = scenario.Values;
        values[ServiceScenario.ScimTokenVariable] = "not-the-token";
        using (var updated = await scenario.PutAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled), values))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        }
        using var response = await scenario.Admin.PostAsync("/api/integrations/hr/destinations/app/check", null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failed = JsonDocument.Parse(text).RootElement;
        Assert.False(failed.GetProperty("passed").GetBoolean());
        Assert.Contains("401", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Give the token", failed.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ldap_destination_binds_to_slapd_and_a_wrong_password_fails_with_what_to_do()
    {
        var ldap = LdapSettings();
        await using var scenario = await ServiceScenario.StartAsync(employees: 1);
        var values = scenario.Values;
        values[LdapPasswordVariable] = ldap["password"];
        using (var created = await scenario.PutAsync("hr", LdapYaml(scenario, ldap), values))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var passed = await scenario.PostAsync("/api/integrations/hr/destinations/directory/check");

        Assert.True(passed.GetProperty("passed").GetBoolean(), passed.ToString());
        Assert.Contains($"as {ldap["bindDn"]} and read {ldap["baseDn"]}", passed.GetProperty("detail").GetString(), StringComparison.Ordinal);

        values[LdapPasswordVariable] = "not-the-password";
        using (var updated = await scenario.PutAsync("hr", LdapYaml(scenario, ldap), values))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        }
        var failed = await scenario.PostAsync("/api/integrations/hr/destinations/directory/check");

        Assert.False(failed.GetProperty("passed").GetBoolean());
        Assert.Equal("Give the bind DN and password of an account the directory accepts.", failed.GetProperty("fix").GetString());
        Assert.DoesNotContain("not-the-password", failed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_destination_or_integration_is_404_naming_what_there_is()
    {
        await using var scenario = await ServiceScenario.StartAsync(employees: 1);
        await scenario.CreateAsync("hr", scenario.Yaml("hr", ServiceScenario.Unscheduled));

        using var noDestination = await scenario.Admin.PostAsync("/api/integrations/hr/destinations/crm/check", null);
        var problem = await ServiceRequests.AssertProblem(noDestination, 404);
        Assert.Equal("The integration 'hr' has no destination named 'crm'; its destinations are app.",
            problem.GetProperty("detail").GetString());

        using var noIntegration = await scenario.Admin.PostAsync("/api/integrations/payroll/destinations/app/check", null);
        await ServiceRequests.AssertProblem(noIntegration, 404);
    }

    private static string LdapYaml(ServiceScenario scenario, Dictionary<string, string> ldap) =>
        scenario.Yaml("hr", ServiceScenario.Unscheduled) + $"""

          - name: directory
            type: ldap
            url: {ldap["url"]}
            bindDn: {ldap["bindDn"]}
            password: ${"{"}{LdapPasswordVariable}{"}"}
            baseDn: {ldap["baseDn"]}
            caFile: {ldap["caFile"]}
        """;

    private static Dictionary<string, string> LdapSettings()
    {
        var text = Environment.GetEnvironmentVariable(LdapVariable);
        Assert.False(string.IsNullOrWhiteSpace(text),
            $"{LdapVariable} is not set: run `export {LdapVariable}=$(eng/slapd.sh 57201 57202)`, or ./test.sh.");
        return text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}
