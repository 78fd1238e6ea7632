using Headwater.Cli;
using Headwater.Connectors.Scim;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Integrations;

/// <summary><c>headwater apply</c> and <c>export</c> against the state database: what apply prints and stores, that it is
/// idempotent, that secrets are kept encrypted and never shown, and that export and apply round-trip.</summary>
public sealed class ApplyCommandTests : IAsyncLifetime
{
    private const string Password = "Ukg-Pa55word-7f3e";
    private const string ApiKey = "K7QWZ";
    private const string Token = "scim-token-9c1d2e";

    private readonly string _files = StateStore.NewDataDirectory();
    private StateStore _store = StateStore.Sqlite();
    private Dictionary<string, string> _environment = [];

    public static TheoryData<string> Stores => ["SQLite", "PostgreSQL"];

    public static string Integration(string name = "hr-main", string title = "primary.jobTitle") => $"""
        name: {name}
        ukg:
          baseUrl: https://service2.ultipro.com
          username: HEADWATER_SVC
          password: ${"{"}UKG_PASSWORD{"}"}
          customerApiKey: ${"{"}UKG_CUSTOMER_API_KEY{"}"}
        destinations:
          - name: learning
            type: scim
            url: https://learning.example.com/scim/v2
            token: ${"{"}LEARNING_SCIM_TOKEN{"}"}
            mapping:
              attributes:
                - target: title
                  value: "{title}"
        """;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_files);
        return Task.CompletedTask;
    }

    private async Task<CliHarness> Cli(string store = "SQLite")
    {
        if (store == "PostgreSQL")
        {
            await _store.DisposeAsync();
            _store = StateStore.Postgres();
            await _store.MigrateAsync();
        }
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HEADWATER_DATA_DIR"] = _store.Options.DataDirectory,
            ["UKG_PASSWORD"] = Password,
            ["UKG_CUSTOMER_API_KEY"] = ApiKey,
            ["LEARNING_SCIM_TOKEN"] = Token,
        };
        if (_store.Options.PostgresConnectionString is { } postgres)
        {
            _environment["HEADWATER_POSTGRES"] = postgres;
        }
        return new CliHarness(_environment);
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_files, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private async Task<List<IntegrationRecord>> Stored()
    {
        await using var services = new ServiceCollection().AddHeadwaterData(_store.Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        return await db.Integrations.Include(i => i.Secrets).AsNoTracking().OrderBy(i => i.Name).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Apply_creates_the_integration_and_a_second_apply_changes_nothing(string store)
    {
        using var cli = await Cli(store);
        var file = File("headwater.yaml", Integration());

        var first = await cli.Run("apply", "-f", file);
        var second = await cli.Run("apply", "-f", file);

        Assert.True(first.Exit == ExitCodes.Ok, first.Output);
        Assert.Contains("+ create hr-main", first.Output, StringComparison.Ordinal);
        Assert.Contains("+ destinations[0].mapping.attributes[0].value: primary.jobTitle", first.Output, StringComparison.Ordinal);
        Assert.True(second.Exit == ExitCodes.Ok, second.Output);
        Assert.Contains("hr-main: no changes", second.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing to change.", second.Output, StringComparison.Ordinal);
        var record = Assert.Single(await Stored());
        Assert.Equal(1, record.Revision);
        var integration = record.ToIntegration();
        Assert.Equal(Password, integration.Ukg.Connection.Password);
        CliHarness.AssertNoSecrets(cli.AllOutput, Password, Token);
    }

    [Fact]
    public async Task Editing_one_mapping_attribute_shows_exactly_that_path_old_to_new()
    {
        using var cli = await Cli();
        await cli.Run("apply", "-f", File("a.yaml", Integration()));

        var edit = await cli.Run("apply", "-f", File("b.yaml", Integration(title: "coalesce(primary.jobTitle, 'Staff')")));

        Assert.True(edit.Exit == ExitCodes.Ok, edit.Output);
        var lines = edit.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("~ update hr-main (revision 1 → 2)", lines[0]);
        Assert.Equal("~ destinations[0].mapping.attributes[0].value: primary.jobTitle → coalesce(primary.jobTitle, 'Staff')", lines[1]);
        Assert.StartsWith("Applied 1 integration", lines[2], StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(await Stored()).Revision);
    }

    [Fact]
    public async Task A_dry_run_prints_the_changes_and_stores_nothing()
    {
        using var cli = await Cli();

        var dry = await cli.Run("apply", "-f", File("a.yaml", Integration()), "--dry-run");

        Assert.True(dry.Exit == ExitCodes.Changes, dry.Output);
        Assert.Contains("+ create hr-main", dry.Output, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed", dry.Output, StringComparison.Ordinal);
        Assert.Empty(await Stored());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Secrets_are_encrypted_at_rest_never_printed_and_kept_when_left_unset(string store)
    {
        using var cli = await Cli(store);
        var file = File("a.yaml", Integration());
        await cli.Run("apply", "-f", file);

        _environment.Remove("UKG_PASSWORD");
        var unset = await cli.Run("apply", "-f", file);
        _environment["LEARNING_SCIM_TOKEN"] = "scim-token-rotated-42";
        var rotated = await cli.Run("apply", "-f", file);
        var exported = await cli.Run("export");

        Assert.True(unset.Exit == ExitCodes.Ok, unset.Output);
        Assert.Contains("hr-main: no changes", unset.Output, StringComparison.Ordinal);
        Assert.Contains("~ destinations[0].token: (secret changed)", rotated.Output, StringComparison.Ordinal);
        Assert.Contains("~ ukg.password: (secret kept)", rotated.Output, StringComparison.Ordinal);
        Assert.Contains("password: ${UKG_PASSWORD}", exported.Output, StringComparison.Ordinal);
        var record = Assert.Single(await Stored());
        var integration = record.ToIntegration();
        Assert.Equal(Password, integration.Ukg.Connection.Password);
        Assert.Equal("scim-token-rotated-42", ((ScimOptions)integration.Destinations[0].Options).BearerToken);
        Assert.All(record.Secrets, s => Assert.DoesNotContain(s.Value, record.Config, StringComparison.Ordinal));
        CliHarness.AssertNoSecrets(cli.AllOutput, Password, ApiKey, Token, "scim-token-rotated-42");
        if (store == "SQLite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var bytes = Directory.GetFiles(_store.Options.DataDirectory, "headwater.db*").SelectMany(System.IO.File.ReadAllBytes).ToArray();
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            CliHarness.AssertNoSecrets(text, Password, Token, "scim-token-rotated-42");
            Assert.Contains("hw-dp1:", text, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(_store.Options.DataDirectory, "keys"), "key-*.xml"));
        }
    }

    [Fact]
    public async Task An_exported_file_applies_with_no_changes()
    {
        using var cli = await Cli();
        await cli.Run("apply", "-f", File("a.yaml", Several(Integration("hr-main"), Integration("hr-eu"))));
        var exported = Path.Combine(_files, "exported.yaml");

        var export = await cli.Run("export", "-o", exported);
        var again = await cli.Run("apply", "-f", exported);
        var one = await cli.Run("export", "hr-eu");

        Assert.True(export.Exit == ExitCodes.Ok, export.Output);
        Assert.StartsWith("integrations:", System.IO.File.ReadAllText(exported), StringComparison.Ordinal);
        Assert.True(again.Exit == ExitCodes.Ok, again.Output);
        Assert.Contains("hr-eu: no changes", again.Output, StringComparison.Ordinal);
        Assert.Contains("hr-main: no changes", again.Output, StringComparison.Ordinal);
        Assert.StartsWith("name: hr-eu", one.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await cli.Run("export", "nowhere")).Exit);
    }

    [Fact]
    public async Task A_file_of_several_integrations_stores_each_and_the_other_commands_say_they_take_one()
    {
        using var cli = await Cli();
        var file = File("a.yaml", Several(Integration("hr-main"), Integration("hr-eu")));

        var apply = await cli.Run("apply", "-f", file);
        var plan = await cli.Run("check", "-c", file);

        Assert.True(apply.Exit == ExitCodes.Ok, apply.Output);
        Assert.Equal(["hr-eu", "hr-main"], (await Stored()).Select(r => r.Name));
        Assert.Equal(ExitCodes.Configuration, plan.Exit);
        Assert.Contains("this file holds several integrations, for `headwater apply`", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_is_reported_by_path_and_line_and_nothing_is_stored()
    {
        using var cli = await Cli();
        _environment.Remove("LEARNING_SCIM_TOKEN");
        var bad = Integration("hr-main").Replace("primary.jobTitle", "nosuch(", StringComparison.Ordinal);
        var file = File("a.yaml", Several(Integration("hr-eu"), bad, Integration("hr-eu")));

        var apply = await cli.Run("apply", "-f", file);
        var valid = Integration("hr-main").Replace("name: hr-main\n", "", StringComparison.Ordinal);
        var unnamed = await cli.Run("apply", "-f", File("b.yaml", valid + "\ndata:\n  dataDirectory: /tmp\n"));

        Assert.Equal(ExitCodes.Configuration, apply.Exit);
        Assert.Contains("integrations[2].name (line 32): 'hr-eu' is also the name of integrations[0]", apply.Output,
            StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Configuration, unnamed.Exit);
        Assert.Contains("name (line 1): required", unnamed.Output, StringComparison.Ordinal);
        Assert.Contains("data (line 16): a stored integration keeps its state", unnamed.Output, StringComparison.Ordinal);
        Assert.Contains("destinations[0].token (line 10): the environment variable LEARNING_SCIM_TOKEN is not set", unnamed.Output,
            StringComparison.Ordinal);
        Assert.Empty(await Stored());
    }

    internal static string Several(params string[] integrations) =>
        "integrations:" + string.Concat(integrations.Select(i => "\n  - " + i.Replace("\n", "\n    ", StringComparison.Ordinal)));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        if (Directory.Exists(_store.Options.DataDirectory))
        {
            Directory.Delete(_store.Options.DataDirectory, recursive: true);
        }
        if (Directory.Exists(_files))
        {
            Directory.Delete(_files, recursive: true);
        }
    }
}
