using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Headwater.Benchmarks;

// `scale`, `connector`, `apply`, `sync`, `service`, `cluster`, `ui`, `webhooks` and `ldap` run their measurements and print
// a markdown table; anything else goes to BenchmarkDotNet (for example `--filter *Generation*`). BenchmarkDotNet
// runs in-process, so it works from any build output (including an --artifacts-path outside the repository)
// without generating and building a project.
if (args.Length > 0 && args[0] == "scale")
{
    return await ScaleRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "connector")
{
    return await ConnectorRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "apply")
{
    return await ApplyRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "sync")
{
    return await SyncRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "cluster")
{
    return await ClusterRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "ui")
{
    return await UiRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "webhooks")
{
    return await WebhookRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "ldap")
{
    return await LdapRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "service")
{
    return await ServiceRun.RunAsync(args[1..]);
}
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
var summaries = BenchmarkSwitcher.FromAssembly(typeof(ScaleRun).Assembly).Run(args, config);
// A benchmark whose setup throws (for example a planning benchmark whose plan is not the expected one) fails the run.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
