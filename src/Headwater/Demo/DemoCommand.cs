using System.CommandLine;
using Headwater.Cli;
using Headwater.Configuration;
using Headwater.Connectors.Scim;
using Headwater.Connectors.Ukg;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Data;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using Headwater.Syncing;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Headwater.Demo;

/// <summary>
/// <c>headwater demo</c>: a simulated UKG Pro tenant and a simulated SCIM application, both in this process on
/// loopback, and a fresh state store; then check → plan → sync → a batch of HR events → the incremental plan → sync,
/// with a summary at each step. Nothing outside the process is touched.
/// </summary>
public static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var employees = new Option<int>("--employees") { Description = "How many employees the simulated tenant has.", DefaultValueFactory = _ => 2_000 };
        var keep = new Option<bool>("--keep") { Description = "Keep the demo's state directory (printed at the end) instead of deleting it." };
        var ldap = new Option<string?>("--ldap")
        {
            Description = "Also sync into a directory: the line eng/slapd.sh or eng/samba-ad.sh prints (url=…;bindDn=…;password=…;baseDn=…;caFile=…).",
        };
        var command = new Command("demo", "Run Headwater end to end against a simulated UKG Pro tenant and a simulated SCIM application.") { employees, keep, ldap };
        command.SetAction((r, ct) => Run(context, r.GetValue(employees), r.GetValue(keep), ct, r.GetValue(ldap)));
        return command;
    }

    public static async Task<int> Run(CliContext context, int employees, bool keep, CancellationToken cancellationToken, string? ldap = null)
    {
        var console = context.Console;
        var (directory, problem) = ldap is null ? (null, null) : DemoDirectory.Parse(ldap, Groups);
        if (problem is not null)
        {
            console.MarkupLine($"[red]{ConsoleText.Escape(problem)}[/]");
            return ExitCodes.Configuration;
        }
        var dataDirectory = Path.Combine(Path.GetTempPath(), "headwater-demo-" + Guid.NewGuid().ToString("N")[..8]);
        Step(console, "1", "Start a simulated UKG Pro tenant and a SCIM application on loopback");
        await using var ukg = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = employees }, context.Time, cancellationToken);
        await using var scim = await ScimSimulator.StartAsync(new ScimSimulatorOptions(), context.Time, cancellationToken);
        console.MarkupLine($"UKG Pro: [bold]{ukg.BaseUrl}[/] ({ConsoleText.Count(employees, "employee")}) · SCIM: [bold]{scim.BaseUrl}[/] · state: {ConsoleText.Escape(dataDirectory)}");
        var integration = Integration(ukg, scim, dataDirectory);
        if (directory is not null)
        {
            var options = (Connectors.Ldap.LdapOptions)directory.Options;
            console.MarkupLine($"Directory: [bold]{ConsoleText.Escape(options.Url.ToString())}[/] ({options.Profile}), entries under {ConsoleText.Escape(options.BaseDn)}");
            integration = integration with { Destinations = [.. integration.Destinations, directory] };
        }
        try
        {
            await using var services = SyncServices.Build(integration, context.Time);
            Step(console, "2", "headwater check: can Headwater read what the sync needs?");
            var probes = await services.GetRequiredService<UkgCheck>().Run(cancellationToken);
            foreach (var probe in probes)
            {
                console.MarkupLine($"  {(probe.Outcome == ProbeOutcome.Granted ? "[green]granted[/]" : "[red]" + probe.Outcome + "[/]")}  {ConsoleText.Escape(probe.Service)}");
            }
            if (probes.Any(p => p.Outcome != ProbeOutcome.Granted))
            {
                return ExitCodes.PermissionMissing;
            }
            var request = new SyncDisplay(null, new SyncRequest(Apply: false), Limit: 8);
            Step(console, "3", "headwater plan: the first plan, before anything changes");
            await SyncSession.Run(context, services, integration, request, cancellationToken);
            Step(console, "4", "headwater sync: apply it");
            var exit = await SyncSession.Run(context, services, integration, request with { Request = new SyncRequest(Apply: true, NoRead: true), Limit = -1 }, cancellationToken);
            if (exit != ExitCodes.Ok)
            {
                return exit;
            }
            console.MarkupLine($"The SCIM application now holds {ConsoleText.Count(scim.UserCount, "user")} in {ConsoleText.Count(scim.GroupCount, "group")}.");
            await DirectoryCount(console, services, directory, cancellationToken);

            Step(console, "5", "HR makes changes in UKG Pro");
            var table = new Table().AddColumns("Event", "Who", "Headwater should");
            var events = DemoEvents.Apply(ukg.Tenant);
            foreach (var e in events)
            {
                table.AddRow(ConsoleText.Escape(e.What), ConsoleText.Escape(e.Who), ConsoleText.Escape(e.Expect));
            }
            console.Write(table);
            Step(console, "6", "headwater plan: an incremental read, and only what changed");
            await SyncSession.Run(context, services, integration, request with { Limit = 20 }, cancellationToken);
            Step(console, "7", "headwater sync: apply it");
            exit = await SyncSession.Run(context, services, integration, request with { Request = new SyncRequest(Apply: true, NoRead: true), Limit = -1 }, cancellationToken);
            console.MarkupLine($"The SCIM application now holds {ConsoleText.Count(scim.UserCount, "user")} ({scim.Users.Count(u => u["active"]?.GetValue<bool>() == false):N0} inactive).");
            await DirectoryCount(console, services, directory, cancellationToken);
            Step(console, "8", "headwater why: what was done for a person, and why");
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
                foreach (var e in new[] { events[2], events[6] })
                {
                    WhyCommand.Write(console, await WhyCommand.Explain(db, integration, e.WorkerId, null, cancellationToken));
                    console.WriteLine();
                }
            }
            console.MarkupLine("Point Headwater at a real tenant and application with an integration file: see docs/configuration.md.");
            return exit;
        }
        finally
        {
            if (!keep)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(dataDirectory, recursive: true);
                }
                catch (IOException)
                {
                    // a file still open on some platform; the directory is in the temp folder
                }
            }
        }
    }

    private static readonly ScimKind Kind = new();

    private static readonly GroupRules Groups =
        GroupRules.Create([new GroupRule("primary.orgLevel2.name", "Department: {}"), new GroupRule("primary.locationName", "Location: {}")]);

    /// <summary>How many accounts the directory holds, and how many of them are disabled, read from it.</summary>
    private static async Task DirectoryCount(IAnsiConsole console, IServiceProvider services, DestinationSettings? directory,
        CancellationToken cancellationToken)
    {
        if (directory is null)
        {
            return;
        }
        var reader = (Core.Destinations.IAccountReader)services.GetRequiredKeyedService<Core.Destinations.IDestination>(directory.Name);
        var accounts = await reader.ListAccounts(cancellationToken).ToListAsync(cancellationToken);
        console.MarkupLine($"The directory now holds {ConsoleText.Count(accounts.Count, "account")} ({accounts.Count(a => !a.Active):N0} disabled).");
    }

    private static Integration Integration(UkgSimulator ukg, ScimSimulator scim, string dataDirectory)
    {
        var settings = new Settings(
            new UkgConnection(ukg.BaseUrl, ukg.Options.UserName, ukg.Options.Password, ukg.Options.CustomerApiKey, null, ukg.Options.TimeZone),
            new DataOptions(dataDirectory, null), null);
        var destination = new DestinationSettings(
            "demo-app",
            Kind,
            new ScimOptions { BaseUrl = scim.BaseUrl, BearerToken = scim.BearerToken },
            Mapper.Create(Kind.DefaultMapping),
            new SyncPolicy { Leave = LeavePolicy.Deactivate, MatchBy = Kind.MatchBy },
            new SafetyLimits(),
            WorkerScope.Everyone,
            Groups,
            Concurrency: 8);
        return new Integration(settings, [destination]);
    }

    private static void Step(IAnsiConsole console, string number, string title)
    {
        console.WriteLine();
        ConsoleText.Heading(console, $"[bold yellow]{number}.[/] [bold]{ConsoleText.Escape(title)}[/]");
    }
}
