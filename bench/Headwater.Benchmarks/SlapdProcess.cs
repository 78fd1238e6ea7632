using System.Diagnostics;
using System.Globalization;
using Headwater.Testing;

namespace Headwater.Benchmarks;

/// <summary>
/// A throwaway OpenLDAP slapd started by eng/slapd.sh on ports of its own (57221, 57222), and ldap-utils run against
/// it: as the service account for what is measured, as the root account for setting up and reading back. Stopped,
/// database and all, when disposed.
/// </summary>
internal sealed class SlapdProcess : IAsyncDisposable
{
    private const int Port = 57221;
    private readonly Dictionary<string, string> _settings;

    private SlapdProcess(Dictionary<string, string> settings) => _settings = settings;

    public Uri Url => new(_settings["url"]);
    public string BindDn => _settings["bindDn"];
    public string Password => _settings["password"];
    public string CaFile => _settings["caFile"];
    private string BaseDn => _settings["baseDn"];

    public static async Task<SlapdProcess> StartAsync()
    {
        var script = Path.Combine(Repository.Root(), "eng", "slapd.sh");
        var ports = new[] { Port, Port + 1 }.Select(p => p.ToString(CultureInfo.InvariantCulture));
        var (exit, output, error) = await Run("bash", [script, .. ports], null);
        if (exit != 0)
        {
            throw new InvalidOperationException($"eng/slapd.sh failed: {error}");
        }
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return new SlapdProcess(line.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]));
    }

    /// <summary>A new, empty OU under the base; returns its DN.</summary>
    public string NewOu(string name)
    {
        var ou = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
        var dn = $"ou={ou},{BaseDn}";
        Admin("ldapadd", $"dn: {dn}\nobjectClass: organizationalUnit\nou: {ou}\n");
        return dn;
    }

    /// <summary>The person entries under <paramref name="baseDn"/> as LDIF (user attributes, unwrapped), read as the root account.</summary>
    public string Dump(string baseDn) => Admin("ldapsearch", null, "-LLL", "-o", "ldif-wrap=no", "-b", baseDn, "(objectClass=inetOrgPerson)");

    /// <summary>Runs ldapadd or ldapmodify as the service account with <paramref name="ldif"/>; returns the seconds it took
    /// and the processor time it and slapd used meanwhile.</summary>
    public Timing Tool(string tool, string ldif)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, ldif);
            var (stopwatch, children, server) = (Stopwatch.StartNew(), ChildrenCpu(), ServerCpu());
            var (exit, _, error) = Run(tool, ["-x", "-H", Url.ToString(), "-D", BindDn, "-w", Password, "-f", file], CaFile).GetAwaiter().GetResult();
            var timing = new Timing(stopwatch.Elapsed.TotalSeconds, null, ChildrenCpu() - children, ServerCpu() - server);
            return exit == 0 ? timing : throw new InvalidOperationException($"{tool} failed ({exit}): {error}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private string Admin(string tool, string? input, params string[] args)
    {
        string[] all = ["-x", "-H", Url.ToString(), "-D", _settings["adminDn"], "-w", _settings["adminPassword"], .. args];
        var file = input is null ? null : Path.GetTempFileName();
        try
        {
            if (file is not null)
            {
                File.WriteAllText(file, input);
                all = [.. all, "-f", file];
            }
            var (exit, output, error) = Run(tool, all, CaFile).GetAwaiter().GetResult();
            return exit == 0 ? output : throw new InvalidOperationException($"{tool} failed ({exit}): {error}");
        }
        finally
        {
            if (file is not null)
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<(int Exit, string Output, string Error)> Run(string command, string[] args, string? caFile)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        if (caFile is not null)
        {
            start.Environment["LDAPTLS_CACERT"] = caFile;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The processor time slapd has used since it started, in seconds.</summary>
    public double ServerCpu()
    {
        using var slapd = Process.GetProcessById(Pid() ?? throw new InvalidOperationException("slapd's pid file is missing."));
        return slapd.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The processor time of this process's children that have ended (cutime and cstime in /proc/self/stat).</summary>
    private static double ChildrenCpu()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14; clock ticks are 1/100 s.
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static int? Pid()
    {
        var pidFile = Path.Combine(Root, "slapd.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), out var pid) ? pid : null;
    }

    private static string Root => Environment.GetEnvironmentVariable("HEADWATER_SLAPD_ROOT") ?? $"/tmp/headwater-slapd-{Port}";

    public async ValueTask DisposeAsync()
    {
        if (Pid() is { } pid)
        {
            using var slapd = Process.GetProcessById(pid);
            slapd.Kill();
            await slapd.WaitForExitAsync();
        }
    }
}

/// <summary>One timed run: its seconds, of which applying (for an engine run that applied changes), and the processor
/// seconds the client (Headwater's process, or the ldap-utils tool) and slapd used during it.</summary>
internal sealed record Timing(double Seconds, double? Applying, double ClientCpu, double ServerCpu)
{
    /// <summary>An engine run's time to load its stored state (until planning starts).</summary>
    public double? Loading { get; init; }

    /// <summary>The garbage collections in the benchmark's process during an engine run, by generation.</summary>
    public (int Gen0, int Gen1, int Gen2)? Collections { get; init; }
}
