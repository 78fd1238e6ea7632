using Headwater.Cli;
using Headwater.Configuration;
using Headwater.Data;
using Headwater.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Headwater.Tests.Data;

/// <summary>Where state lives is checked as services are built: a bad value stops a command at start, in words that
/// name the setting and never the password.</summary>
public sealed class DataOptionsTests : IDisposable
{
    private const string Password = "hunter2-not-for-logs";
    private readonly string _root = StateStore.NewDataDirectory();

    [Theory]
    [InlineData($"Host=db;Username=headwater;Password={Password};Colour=blue")]
    [InlineData($"postgres://headwater:{Password}@db/headwater")]
    [InlineData($"Username=headwater;Password={Password}")]
    public void A_PostgreSQL_connection_string_that_cannot_be_used_fails_at_start_without_its_password(string connectionString)
    {
        var services = new ServiceCollection().AddHeadwaterData(new DataOptions(_root, connectionString)).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.Validated());

        var problem = Assert.Single(failure.Failures);
        Assert.StartsWith("HEADWATER_POSTGRES (or data.postgres) ", problem, StringComparison.Ordinal);
        Assert.Contains("Host=…;Database=…", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_directory_that_cannot_be_created_fails_at_start_saying_which_and_why()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "");
        // Under a file: no one can create it, root included (a mode that forbids writing does not stop root).
        var directory = Path.Combine(file, "data");
        var services = new ServiceCollection().AddHeadwaterData(new DataOptions(directory, null)).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.Validated());

        var problem = Assert.Single(failure.Failures);
        Assert.StartsWith($"HEADWATER_DATA_DIR (or data.dataDirectory) '{directory}' cannot hold the SQLite database: ", problem,
            StringComparison.Ordinal);
        Assert.EndsWith("Set it to a directory Headwater may create and write to.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_data_directory_is_created_owner_only_at_start_and_left_empty()
    {
        using var services = new ServiceCollection().AddHeadwaterData(new DataOptions(_root, null)).BuildServiceProvider().Validated();

        Assert.True(Directory.Exists(_root));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_root));
        }
    }

    [Fact]
    public void With_PostgreSQL_the_data_directory_is_not_needed_and_not_created()
    {
        using var services = new ServiceCollection()
            .AddHeadwaterData(new DataOptions(_root, "Host=db;Database=headwater;Password=x")).BuildServiceProvider().Validated();

        Assert.False(Directory.Exists(_root));
    }

    [Fact]
    public void The_variables_keep_their_precedence_an_empty_one_counts_as_unset()
    {
        var unset = DataOptions.FromEnvironment(_ => "");
        var set = DataOptions.FromEnvironment(name => name switch
        {
            "HEADWATER_DATA_DIR" => "relative/data",
            "HEADWATER_POSTGRES" => "Host=db",
            _ => null,
        });

        Assert.Equal(new DataOptions().DataDirectory, unset.DataDirectory);
        Assert.EndsWith(Path.Combine(".local", "share", "headwater"), unset.DataDirectory, StringComparison.Ordinal);
        Assert.Null(unset.PostgresConnectionString);
        Assert.Equal(Path.GetFullPath("relative/data"), set.DataDirectory);
        Assert.Equal("Host=db", set.PostgresConnectionString);
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("workers")]
    [InlineData("migrate")]
    public async Task A_command_stops_at_start_listing_the_problem_in_a_sentence_without_the_password(string command)
    {
        await using var env = await SyncCli.StartAsync(employees: 5);
        var environment = env.Environment();
        environment["HEADWATER_POSTGRES"] = $"Host=db;Password={Password};Colour=blue";
        using var cli = new CliHarness(environment);

        var result = await cli.Run(command);

        Assert.True(result.Exit == ExitCodes.Configuration, result.Output);
        Assert.Contains("Headwater's settings cannot be used:", result.Output, StringComparison.Ordinal);
        Assert.Contains("  - HEADWATER_POSTGRES (or data.postgres) is not a PostgreSQL connection string", result.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
