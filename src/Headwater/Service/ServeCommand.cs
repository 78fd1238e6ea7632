using System.CommandLine;
using Headwater.Cli;
using Headwater.Data;
using Headwater.Notifications;
using Headwater.Demo;
using Headwater.Syncing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;

namespace Headwater.Service;

/// <summary><c>headwater serve</c>: the service, on embedded defaults (SQLite and the key ring in the data directory,
/// loopback); with --demo, also the simulators and an integration between them (<see cref="ServiceDemo"/>). It runs
/// until Ctrl-C or SIGTERM, then gives running work <see cref="ServiceHost.ShutdownTimeout"/>.</summary>
public static class ServeCommand
{
    public const string Name = "serve";

    /// <summary>Enough for groups and a visible first sync; few enough that it takes seconds.</summary>
    private const int DemoEmployees = 500;

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen; port 0 picks a free one (default {ServiceHost.DefaultUrls}).",
            DefaultValueFactory = _ => ServiceHost.DefaultUrls,
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "Also run a simulated UKG Pro tenant and SCIM application in this process, and an integration 'demo' " +
                "between them.",
        };
        var command = new Command(Name, "Run Headwater as a service with its HTTP API; prints HEADWATER_URL= (and, on first start, HEADWATER_TOKEN=).")
        {
            urls,
            demo,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            WebApplicationBuilder builder;
            try
            {
                builder = ServiceHost.CreateBuilder(DataOptions.FromEnvironment(context.Environment), result.GetValue(urls)!);
                SmtpSettings.Read(builder.Configuration);
            }
            catch (OptionsValidationException e)
            {
                CommandFailure.Write(context, json: false, FailureCause.Configuration, "The service's settings are not valid:", [.. e.Failures]);
                return ExitCodes.Configuration;
            }
            catch (FormatException e)
            {
                CommandFailure.Write(context, json: false, FailureCause.Configuration, "The service's email settings are not valid:", [e.Message]);
                return ExitCodes.Configuration;
            }
            await using var app = ServiceHost.Build(builder);
            try
            {
                await ServiceHost.StartAsync(app, context.Out, cancellationToken);
            }
            catch (OptionsValidationException e)
            {
                CommandFailure.Write(context, json: false, FailureCause.Configuration, "The service's settings are not valid:", [.. e.Failures]);
                return ExitCodes.Configuration;
            }
            catch (IOException e) when (e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
            {
                // Kestrel's message names the address and the reason (address already in use).
                CommandFailure.Write(context, json: false, FailureCause.Configuration, e.Message, []);
                return ExitCodes.Configuration;
            }
            // Disposed after the service has stopped: a sync of the demo integration still running ends against them.
            await using var simulators = result.GetValue(demo)
                ? await ServiceDemo.StartAsync(app.Services, global::System.Console.Error, DemoEmployees, cancellationToken)
                : null;
            // Ctrl-C or SIGTERM cancels the token; stopping then waits for running work, up to the shutdown timeout.
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>How long the command line waits for a command to end after Ctrl-C or SIGTERM before it exits anyway:
    /// its default (2 s) for every command but serve, which stops gracefully.</summary>
    /// <param name="parsed">The parsed command line.</param>
    public static InvocationConfiguration Invocation(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var invocation = new InvocationConfiguration();
        if (parsed.CommandResult.Command.Name == Name)
        {
            invocation.ProcessTerminationTimeout = ServiceHost.ShutdownTimeout + TimeSpan.FromSeconds(5);
        }
        return invocation;
    }
}
