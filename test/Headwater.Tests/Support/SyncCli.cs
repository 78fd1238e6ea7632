using Headwater.Simulator;
using Headwater.Simulator.Scim;

namespace Headwater.Tests.Support;

/// <summary>
/// A simulated UKG tenant and SCIM application, and an integration file for them in a data directory of its own:
/// the UKG connection from the simulator's variables, one SCIM destination "app" whose token is read from
/// APP_SCIM_TOKEN.
/// </summary>
public sealed class SyncCli : IAsyncDisposable
{
    private SyncCli(UkgSimulator ukg, ScimSimulator scim, string directory)
    {
        Ukg = ukg;
        Scim = scim;
        Directory = directory;
    }

    public UkgSimulator Ukg { get; }
    public ScimSimulator Scim { get; }
    public string Directory { get; }
    public string ConfigPath => Path.Combine(Directory, "headwater.yaml");

    public static async Task<SyncCli> StartAsync(int employees = 120, string destinationExtras = "", ScimSimulatorOptions? scim = null)
    {
        var ukg = await UkgSimulator.StartAsync(StateHarness.Tenant(employees));
        var app = await ScimSimulator.StartAsync(scim);
        var directory = StateStore.NewDataDirectory();
        System.IO.Directory.CreateDirectory(directory);
        var cli = new SyncCli(ukg, app, directory);
        await File.WriteAllTextAsync(cli.ConfigPath, $"""
            # the UKG connection comes from the UKG_* variables
            destinations:
              - name: app
                type: scim
                url: {app.BaseUrl}
                token: ${"{"}APP_SCIM_TOKEN{"}"}
                retries: {"{"} max: 2, delaySeconds: 0 {"}"}
                groups:
                  - {"{"} from: primary.orgLevel2.name, name: "Department: {"{"}{"}"}" {"}"}
            {destinationExtras}
            """);
        return cli;
    }

    public Dictionary<string, string> Environment()
    {
        var environment = CliHarness.Environment(Ukg, Directory);
        environment["APP_SCIM_TOKEN"] = Scim.BearerToken;
        environment["HEADWATER_CONFIG"] = ConfigPath;
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Scim.DisposeAsync();
        await Ukg.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
