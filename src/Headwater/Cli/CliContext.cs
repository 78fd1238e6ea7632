using Spectre.Console;

namespace Headwater.Cli;

/// <summary>What a command talks to: the environment, a console for people and a writer for machine output.</summary>
public sealed record CliContext(Func<string, string?> Environment, IAnsiConsole Console, TextWriter Out, TimeProvider Time)
{
    /// <summary>How requests reach the service at HEADWATER_URL: the network by default, a test server's handler in tests.</summary>
    public HttpMessageHandler? ServiceHandler { get; init; }

    public static CliContext System() => new(global::System.Environment.GetEnvironmentVariable,
        Fitted(AnsiConsole.Console, isTerminal: !global::System.Console.IsOutputRedirected), global::System.Console.Out,
        TimeProvider.System);

    /// <summary>For tests: everything written to <paramref name="output"/>, without colours, unwrapped as when
    /// the output is not a terminal.</summary>
    public static CliContext Captured(Func<string, string?> environment, StringWriter output, TimeProvider? time = null) => new(
        environment,
        Fitted(AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        }), isTerminal: false),
        output,
        time ?? TimeProvider.System);

    /// <summary>On a terminal, its own width (Spectre reads it). Anywhere else (a pipe, a file) lines are not wrapped:
    /// Spectre would assume 80 columns and break names and ids across lines that grep and scripts then miss.</summary>
    private static IAnsiConsole Fitted(IAnsiConsole console, bool isTerminal)
    {
        if (!isTerminal)
        {
            console.Profile.Width = ConsoleText.Unwrapped;
        }
        return console;
    }
}

/// <summary>Exit codes, documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Configuration = 1;
    public const int Unauthorized = 2;
    public const int PermissionMissing = 3;
    public const int Unreachable = 4;
    public const int ReadFailed = 5;
    public const int NotFound = 6;
    /// <summary><c>headwater plan</c>: the plan holds changes.</summary>
    public const int Changes = 7;
    /// <summary><c>headwater check --destination</c>: the destination failed its test (the service, when asked, answered).</summary>
    public const int DestinationFailed = 7;
    /// <summary>A plan broke a safety limit; nothing was applied until it is approved.</summary>
    public const int Blocked = 8;
    /// <summary>The sync ran, but some changes failed; the next run plans them again.</summary>
    public const int ChangesFailed = 9;
}
