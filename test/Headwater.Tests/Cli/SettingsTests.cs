using Headwater.Configuration;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

/// <summary>Settings from the environment: the simulator's variables, the https upgrade, the data directory, and
/// every problem listed at once without echoing a secret. No network is used.</summary>
public sealed class SettingsTests
{
    private const string Password = "S3cret-Passw0rd!";
    private const string Key = "K7QWZ";

    private static Func<string, string?> Environment(params (string Name, string Value)[] values)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UKG_BASE_URL"] = "https://service2.ultipro.com",
            ["UKG_USERNAME"] = "HEADWATER_SVC",
            ["UKG_PASSWORD"] = Password,
            ["UKG_CUSTOMER_API_KEY"] = Key,
        };
        foreach (var (name, value) in values)
        {
            environment[name] = value;
        }
        return name => environment.GetValueOrDefault(name);
    }

    [Fact]
    public void An_http_URL_for_a_real_UKG_host_is_upgraded_to_https_with_a_note()
    {
        var settings = Settings.Load(Environment(("UKG_BASE_URL", "http://service2.ultipro.com")));

        Assert.Equal(new Uri("https://service2.ultipro.com/"), settings.Connection.BaseUrl);
        Assert.Equal("service2.ultipro.com was given with http://; using https://, which UKG Pro requires.", settings.Note);
    }

    [Fact]
    public void An_http_URL_on_loopback_is_kept_as_given_without_a_note()
    {
        var settings = Settings.Load(Environment(("UKG_BASE_URL", "http://127.0.0.1:5080")));

        Assert.Equal(new Uri("http://127.0.0.1:5080/"), settings.Connection.BaseUrl);
        Assert.Null(settings.Note);
    }

    [Fact]
    public void The_LoginService_URL_an_administrator_pastes_becomes_the_host()
    {
        var settings = Settings.Load(Environment(("UKG_BASE_URL", " https://Service2.UltiPro.com/services/LoginService ")));

        Assert.Equal(new Uri("https://service2.ultipro.com/"), settings.Connection.BaseUrl);
        Assert.Null(settings.Note);
    }

    [Fact]
    public void Every_missing_variable_is_listed_at_once()
    {
        var problems = Assert.Throws<SettingsException>(() => Settings.Load(_ => null)).Problems;

        Assert.Equal(4, problems.Count);
        Assert.StartsWith("UKG_BASE_URL is not set", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("UKG_USERNAME is not set", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("UKG_PASSWORD is not set", problems[2], StringComparison.Ordinal);
        Assert.StartsWith("UKG_CUSTOMER_API_KEY is not set", problems[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_with_the_settings_never_echo_the_password_or_the_customer_API_key()
    {
        var failure = Assert.Throws<SettingsException>(() => Settings.Load(Environment(("UKG_BASE_URL", "ftp://service2.ultipro.com"), ("UKG_TIME_ZONE", "Mars/Olympus"))));

        Assert.Equal(2, failure.Problems.Count);
        Assert.Contains(failure.Problems, p => p.Contains("ftp://", StringComparison.Ordinal));
        Assert.Contains(failure.Problems, p => p.Contains("Mars/Olympus", StringComparison.Ordinal));
        CliHarness.AssertNoSecrets(failure.Message, Password, Key);
    }

    [Fact]
    public void The_connection_describes_itself_without_the_password_or_the_customer_API_key()
    {
        var settings = Settings.Load(Environment());

        Assert.Equal("https://service2.ultipro.com/ as HEADWATER_SVC", settings.Connection.ToString());
        CliHarness.AssertNoSecrets(settings.Connection.ToString(), Password, Key);
    }

    [Fact]
    public void The_data_directory_is_HEADWATER_DATA_DIR_and_PostgreSQL_is_used_when_HEADWATER_POSTGRES_is_set()
    {
        var directory = StateStore.NewDataDirectory();

        var sqlite = Settings.Load(Environment(("HEADWATER_DATA_DIR", directory)));
        var postgres = Settings.Load(Environment(("HEADWATER_DATA_DIR", directory), ("HEADWATER_POSTGRES", "Host=db;Database=headwater")));

        Assert.Equal(directory, sqlite.Data.DataDirectory);
        Assert.Equal(Path.Combine(directory, "headwater.db"), sqlite.Data.SqlitePath);
        Assert.Null(sqlite.Data.PostgresConnectionString);
        Assert.Equal("Host=db;Database=headwater", postgres.Data.PostgresConnectionString);
        Assert.Equal("PostgreSQL (HEADWATER_POSTGRES)", postgres.Data.Describe());
    }
}
