using Headwater.Cli;
using Headwater.Connectors.Scim;
using Headwater.Integrations;
using Headwater.Service;
using Headwater.Tests.Service;
using Headwater.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Integrations;

/// <summary><c>headwater apply</c> and <c>export</c> with HEADWATER_URL and HEADWATER_TOKEN set: the same output and
/// exit codes as against the local database, through the service's API; and failures in words.</summary>
public sealed class ApplyToServiceTests : IAsyncLifetime
{
    private readonly string _files = StateStore.NewDataDirectory();
    private ServiceScenario _scenario = null!;
    private Dictionary<string, string> _environment = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_files);
        _scenario = await ServiceScenario.StartAsync(employees: 10);
        _environment = new Dictionary<string, string>(_scenario.Values, StringComparer.Ordinal)
        {
            [ServiceClient.UrlVariable] = "http://localhost",
            [ServiceClient.TokenVariable] = _scenario.Service.AdminToken,
        };
    }

    private CliHarness Cli() => new(_environment, service: _scenario.Service.App.GetTestServer().CreateHandler());

    private string File(string name, string text)
    {
        var path = Path.Combine(_files, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string Two() => File("two.yaml", ApplyCommandTests.Several(_scenario.Yaml("hr-main"), _scenario.Yaml("hr-eu")));

    private async Task<List<string>> Stored() =>
        [.. (await _scenario.GetAsync("/api/integrations")).EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];

    [Fact]
    public async Task Apply_creates_the_integrations_in_the_service_and_a_second_apply_changes_nothing()
    {
        using var cli = Cli();
        var file = Two();

        var first = await cli.Run("apply", "-f", file);
        var second = await cli.Run("apply", "-f", file);

        Assert.True(first.Exit == ExitCodes.Ok, first.Output);
        Assert.Contains("+ create hr-main", first.Output, StringComparison.Ordinal);
        Assert.Contains($"+ destinations[0].url: {_scenario.Scim.BaseUrl}", first.Output, StringComparison.Ordinal);
        Assert.Contains("Applied 2 integrations to the service at http://localhost.", first.Output, StringComparison.Ordinal);
        Assert.True(second.Exit == ExitCodes.Ok, second.Output);
        Assert.Contains("hr-eu: no changes", second.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing to change.", second.Output, StringComparison.Ordinal);
        Assert.Equal(["hr-eu", "hr-main"], await Stored());
        CliHarness.AssertNoSecrets(cli.AllOutput, [.. _scenario.Values.Values]);
    }

    [Fact]
    public async Task A_dry_run_prints_the_changes_and_stores_nothing_in_the_service()
    {
        using var cli = Cli();

        var dry = await cli.Run("apply", "-f", Two(), "--dry-run");

        Assert.True(dry.Exit == ExitCodes.Changes, dry.Output);
        Assert.Contains("+ create hr-eu", dry.Output, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed in the service at http://localhost.", dry.Output, StringComparison.Ordinal);
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task A_secret_left_unset_keeps_the_value_the_service_stored_and_a_set_one_replaces_it()
    {
        using var cli = Cli();
        var file = File("one.yaml", _scenario.Yaml("hr-main"));
        await cli.Run("apply", "-f", file);

        _environment.Remove(ServiceScenario.UkgPasswordVariable);
        var unset = await cli.Run("apply", "-f", file);
        _environment[ServiceScenario.ScimTokenVariable] = "scim-token-rotated-42";
        var rotated = await cli.Run("apply", "-f", file);

        Assert.True(unset.Exit == ExitCodes.Ok, unset.Output);
        Assert.Contains("hr-main: no changes", unset.Output, StringComparison.Ordinal);
        Assert.Contains("~ update hr-main (revision 1 → 2)", rotated.Output, StringComparison.Ordinal);
        Assert.Contains("~ destinations[0].token: (secret changed)", rotated.Output, StringComparison.Ordinal);
        Assert.Contains("~ ukg.password: (secret kept)", rotated.Output, StringComparison.Ordinal);
        var integration = await _scenario.Service.Query(db => db.Integrations.Include(i => i.Secrets).SingleAsync());
        Assert.Equal(_scenario.Ukg.Options.Password, integration.ToIntegration().Ukg.Connection.Password);
        Assert.Equal("scim-token-rotated-42", ((ScimOptions)integration.ToIntegration().Destinations[0].Options).BearerToken);
        CliHarness.AssertNoSecrets(cli.AllOutput, [.. _scenario.Values.Values, "scim-token-rotated-42"]);
    }

    [Fact]
    public async Task An_invalid_integration_is_reported_by_the_path_and_line_in_the_file_and_nothing_is_stored()
    {
        using var cli = Cli();
        _environment.Remove(ServiceScenario.ScimTokenVariable);
        var valid = _scenario.Yaml("hr-main");
        var invalid = _scenario.Yaml("hr-eu").Replace(_scenario.Scim.BaseUrl.ToString(), "not a url", StringComparison.Ordinal);

        var apply = await cli.Run("apply", "-f", File("bad.yaml", ApplyCommandTests.Several(valid, invalid)));

        Assert.True(apply.Exit == ExitCodes.Configuration, apply.Output);
        Assert.Contains("cannot be applied; nothing was changed:", apply.Output, StringComparison.Ordinal);
        Assert.Matches(@"integrations\[0\]\.destinations\[0\]\.token \(line \d+\): .*SCIM_TOKEN", apply.Output);
        Assert.Matches(@"integrations\[1\]\.destinations\[0\]\.url \(line \d+\): ", apply.Output);
        Assert.DoesNotContain("   at ", apply.Output, StringComparison.Ordinal);
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task An_export_from_the_service_applies_back_with_no_changes()
    {
        using var cli = Cli();
        await cli.Run("apply", "-f", Two());
        var exported = Path.Combine(_files, "exported.yaml");

        var export = await cli.Run("export", "-o", exported);
        var again = await cli.Run("apply", "-f", exported);
        var one = await cli.Run("export", "hr-eu");
        var missing = await cli.Run("export", "nowhere");

        Assert.True(export.Exit == ExitCodes.Ok, export.Output);
        Assert.StartsWith("integrations:", System.IO.File.ReadAllText(exported), StringComparison.Ordinal);
        Assert.True(again.Exit == ExitCodes.Ok, again.Output);
        Assert.Contains("hr-main: no changes", again.Output, StringComparison.Ordinal);
        Assert.Contains("hr-eu: no changes", again.Output, StringComparison.Ordinal);
        Assert.StartsWith("name: hr-eu", one.Output, StringComparison.Ordinal);
        Assert.Contains($"password: ${{{ServiceScenario.UkgPasswordVariable}}}", one.Output, StringComparison.Ordinal);
        Assert.True(missing.Exit == ExitCodes.NotFound, missing.Output);
        Assert.Contains("There is no integration named 'nowhere'", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_refused_token_or_an_absent_service_is_said_in_one_sentence()
    {
        var file = File("one.yaml", _scenario.Yaml("hr-main"));
        var token = _environment[ServiceClient.TokenVariable];
        using var cli = Cli();

        _environment.Remove(ServiceClient.TokenVariable);
        var missing = await cli.Run("apply", "-f", file);
        _environment[ServiceClient.TokenVariable] = "hw_not-a-token";
        var unknown = await cli.Run("export");
        _environment[ServiceClient.TokenVariable] = await _scenario.Service.CreateToken(ApiScopes.Read);
        var readOnly = await cli.Run("apply", "-f", file);
        _environment[ServiceClient.TokenVariable] = token;
        var nowhere = new Dictionary<string, string>(_environment) { [ServiceClient.UrlVariable] = "http://127.0.0.1:9" };
        using var offline = new CliHarness(nowhere);
        var absent = await offline.Run("export");

        Assert.True(missing.Exit == ExitCodes.Configuration, missing.Output);
        Assert.Contains("HEADWATER_URL is set but HEADWATER_TOKEN is not", missing.Output, StringComparison.Ordinal);
        Assert.True(unknown.Exit == ExitCodes.Unauthorized, unknown.Output);
        Assert.Contains("does not accept HEADWATER_TOKEN", unknown.Output, StringComparison.Ordinal);
        Assert.True(readOnly.Exit == ExitCodes.PermissionMissing, readOnly.Output);
        Assert.Contains("needs a token with the admin scope", readOnly.Output, StringComparison.Ordinal);
        Assert.True(absent.Exit == ExitCodes.Unreachable, absent.Output);
        Assert.Contains("No service answers at http://127.0.0.1:9", absent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.AllOutput + absent.Output, StringComparison.Ordinal);
        Assert.Empty(await Stored());
    }

    public async Task DisposeAsync()
    {
        await _scenario.DisposeAsync();
        if (Directory.Exists(_files))
        {
            Directory.Delete(_files, recursive: true);
        }
    }
}
