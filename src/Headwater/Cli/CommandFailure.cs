using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using Headwater.Configuration;
using Headwater.Data;
using Headwater.Syncing;
using Npgsql;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>A failure as --json prints it. <see cref="Cause"/> is a <see cref="FailureCause"/> name.</summary>
public sealed record FailureView(string Cause, string Message, string? Destination = null, string? WorkerId = null)
{
    public static FailureView Of(SyncFailure failure) =>
        new(failure.Cause.ToString(), failure.Message, failure.Destination, failure.WorkerId);
}

/// <summary>What a command prints with --json when it failed before it had anything else to print.</summary>
public sealed record FailureReport(IReadOnlyList<FailureView> Failures);

/// <summary>
/// Prints failures, as sentences or, with --json, as a <see cref="FailureReport"/> so that --json output is always
/// JSON; and wraps every command so that a failure outside Headwater's control (the state database unreachable or
/// its connection string malformed) ends in one sentence and an exit code, never a stack trace.
/// </summary>
public static class CommandFailure
{
    /// <param name="context">Where to print.</param>
    /// <param name="json">Print a <see cref="FailureReport"/>.</param>
    /// <param name="cause">For --json.</param>
    /// <param name="heading">The sentence; with --json, the message when there are no <paramref name="problems"/>.</param>
    /// <param name="problems">Each problem, listed under the heading.</param>
    public static void Write(CliContext context, bool json, FailureCause cause, string heading, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        if (json)
        {
            var messages = problems.Count == 0 ? [heading] : problems;
            var report = new FailureReport([.. messages.Select(p => new FailureView(cause.ToString(), p))]);
            context.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Readable.FailureReport));
            return;
        }
        context.Console.MarkupLine($"[red]{ConsoleText.Escape(heading)}[/]");
        foreach (var problem in problems)
        {
            context.Console.MarkupLine($"  - {ConsoleText.Escape(problem)}");
        }
    }

    /// <summary>Wraps the action of <paramref name="command"/> and of every command under it.</summary>
    public static void Guard(Command command, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Action is AsynchronousCommandLineAction action)
        {
            command.Action = new GuardedAction(action, context);
        }
        foreach (var subcommand in command.Subcommands)
        {
            Guard(subcommand, context);
        }
    }

    /// <summary>What went wrong, in words (a sentence and the problems under it), and the exit code; null for a bug,
    /// which keeps its stack trace.</summary>
    internal static (FailureCause Cause, string Message, IReadOnlyList<string> Problems, int Exit)? Explain(Exception exception)
    {
        if (StartupValidation.Problems(exception) is { } problems)
        {
            return (FailureCause.Configuration, "Headwater's settings cannot be used:", problems, ExitCodes.Configuration);
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StateStoreException store:
                    return (FailureCause.Configuration, store.Message, [], ExitCodes.Configuration);
                case ServiceException service:
                    return (service.Cause, service.Message, service.Problems, service.Exit);
                case PostgresException postgres:
                    return (FailureCause.Unreachable, $"PostgreSQL (HEADWATER_POSTGRES) refused the connection: {postgres.MessageText}",
                        [], ExitCodes.Unreachable);
                case NpgsqlException npgsql:
                    var cause = npgsql.GetBaseException().Message;
                    return (FailureCause.Unreachable, $"PostgreSQL (HEADWATER_POSTGRES) cannot be reached: {cause}", [],
                        ExitCodes.Unreachable);
            }
        }
        return null;
    }

    private sealed class GuardedAction(AsynchronousCommandLineAction inner, CliContext context) : AsynchronousCommandLineAction
    {
        public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.InvokeAsync(parseResult, cancellationToken);
            }
            catch (Exception e) when (Explain(e) is { } failure)
            {
                var json = parseResult.CommandResult.Command.Options.Any(o => o.Name == "--json") && parseResult.GetValue<bool>("--json");
                Write(context, json, failure.Cause, failure.Message, failure.Problems);
                return failure.Exit;
            }
        }
    }
}
