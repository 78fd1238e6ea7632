using Headwater.Cli;
using Headwater.Tests.Support;

namespace Headwater.Tests.Service;

/// <summary><c>headwater tokens</c> works on the service's database directly, with no service running.</summary>
public sealed class TokensCommandTests
{
    [Fact]
    public async Task Tokens_are_created_listed_without_secrets_and_revoked_from_the_command_line()
    {
        await using var store = StateStore.Sqlite();
        using var cli = new CliHarness(new Dictionary<string, string> { ["HEADWATER_DATA_DIR"] = store.Options.DataDirectory });

        var created = await cli.Run("tokens", "create", "--name", "deploy", "--scope", "admin");
        var list = await cli.Run("tokens", "list");
        var revoked = await cli.Run("tokens", "revoke", "1");
        var after = await cli.Run("tokens", "list");
        var missing = await cli.Run("tokens", "revoke", "7");
        var unknownScope = await cli.Run("tokens", "create", "--name", "x", "--scope", "owner");

        Assert.Equal(ExitCodes.Ok, created.Exit);
        var secret = created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("hw_", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, list.Exit);
        Assert.Contains("deploy", list.Output, StringComparison.Ordinal);
        Assert.Contains("admin", list.Output, StringComparison.Ordinal);
        CliHarness.AssertNoSecrets(list.Output + after.Output, secret);
        Assert.Equal(ExitCodes.Ok, revoked.Exit);
        Assert.Contains("Token 1 is revoked.", revoked.Output, StringComparison.Ordinal);
        var row = after.Output.Split('\n').Single(l => l.Contains("deploy", StringComparison.Ordinal));
        Assert.Equal(2, row.Split(" UTC").Length - 1); // created, and now revoked
        Assert.Equal(ExitCodes.NotFound, missing.Exit);
        Assert.NotEqual(ExitCodes.Ok, unknownScope.Exit);
    }
}
