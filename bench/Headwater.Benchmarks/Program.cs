using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Headwater.Benchmarks;

// `scale` and `connector` run the whole-tenant measurements once per size and prints a markdown table; anything else goes to
// BenchmarkDotNet (for example `--filter *Generation*`). BenchmarkDotNet runs in-process, so it works from any
// build output (including an --artifacts-path outside the repository) without generating and building a project.
if (args.Length > 0 && args[0] == "scale")
{
    return await ScaleRun.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "connector")
{
    return await ConnectorRun.RunAsync(args[1..]);
}
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
BenchmarkSwitcher.FromAssembly(typeof(ScaleRun).Assembly).Run(args, config);
return 0;
