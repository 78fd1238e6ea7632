using System.CommandLine;
using Headwater.Demo;
using Headwater.Service;

namespace Headwater.Cli;

/// <summary>Every headwater command, as the executable and the tests parse them.</summary>
public static class Commands
{
    public static RootCommand Root(CliContext context)
    {
        var root = Unguarded(context);
        CommandFailure.Guard(root, context);
        return root;
    }

    private static RootCommand Unguarded(CliContext context) => new("Headwater keeps applications in step with UKG Pro.")
    {
        CheckCommand.Create(context),
        WorkersCommand.Create(context),
        SyncCommands.Plan(context),
        SyncCommands.Sync(context),
        RunsCommand.Create(context),
        EventsCommand.Create(context),
        WhyCommand.Create(context),
        MigrateCommand.Create(context),
        ApplyCommand.Create(context),
        ExportCommand.Create(context),
        DemoCommand.Create(context),
        ServeCommand.Create(context),
        TokensCommand.Create(context),
    };
}
