using Headwater.Simulator.Scim;

namespace Headwater.Benchmarks;

/// <summary>The simulator's SCIM application (C#, indexed by userName) in this process, on a free loopback port.</summary>
internal sealed class InProcessScimServer(ScimSimulator simulator) : IScimTestServer
{
    public Uri BaseUrl { get; } = new(simulator.BaseUrl.ToString().TrimEnd('/') + "/");

    public string Token => simulator.BearerToken;

    public static async Task<InProcessScimServer> StartAsync() =>
        new(await ScimSimulator.StartAsync(new ScimSimulatorOptions(), TimeProvider.System));

    public Task<int> Users() => Task.FromResult(simulator.UserCount);

    public Task<int> Groups() => Task.FromResult(simulator.GroupCount);

    public ValueTask DisposeAsync() => simulator.DisposeAsync();
}
