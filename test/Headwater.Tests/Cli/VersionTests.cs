using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Headwater.Tests.Cli;

/// <summary><c>headwater --version</c>, run as a process: the version, and the commit the build came from.</summary>
public sealed partial class VersionTests
{
    [Fact]
    public async Task Version_prints_the_version_and_the_commit_the_build_came_from()
    {
        var printed = (await RunAsync(ExecutableTests.DotnetHost(), ExecutableTests.HeadwaterDll(), "--version")).Trim();

        var version = VersionLine().Match(printed);
        Assert.True(version.Success, $"Not a version and a commit: '{printed}'");
        var commit = await CommitAsync();
        if (commit is null)
        {
            // Built where git cannot tell the commit: the version alone, nothing made up.
            Assert.False(version.Groups["commit"].Success, $"No git here, yet a commit was printed: '{printed}'");
            return;
        }
        Assert.Equal(commit, version.Groups["commit"].Value);
    }

    /// <summary>The commit checked out where the tests were built, or null when git is missing or this is no repository.</summary>
    private static async Task<string?> CommitAsync()
    {
        try
        {
            var commit = (await RunAsync("git", "-C", AppContext.BaseDirectory, "rev-parse", "HEAD")).Trim();
            return commit.Length == 0 ? null : commit;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    /// <returns>Standard output; empty when the process fails.</returns>
    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0 ? await output : "";
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+(?<commit>[0-9a-f]{40}))?$")]
    private static partial Regex VersionLine();
}
