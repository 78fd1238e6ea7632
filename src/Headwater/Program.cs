using System.CommandLine;
using Headwater.Cli;
using Headwater.Demo;

var context = CliContext.System();
var root = new RootCommand("Headwater keeps applications in step with UKG Pro.")
{
    CheckCommand.Create(context),
    WorkersCommand.Create(context),
    SyncCommands.Plan(context),
    SyncCommands.Sync(context),
    RunsCommand.Create(context),
    WhyCommand.Create(context),
    DemoCommand.Create(context),
};
return await root.Parse(args).InvokeAsync();
