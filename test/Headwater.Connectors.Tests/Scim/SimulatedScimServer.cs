using Headwater.Simulator.Scim;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>The tests that share one in-process <see cref="ScimSimulator"/>, run one at a time like the scimmy
/// collection; each test class resets it first.</summary>
[CollectionDefinition(Name)]
public sealed class SimulatedScimCollectionDefinition : ICollectionFixture<SimulatedScimServer>
{
    public const string Name = "Simulated SCIM server";
}

/// <summary>sim/Headwater.Simulator's SCIM service provider, started once for the collection on a free loopback port.</summary>
public sealed class SimulatedScimServer : ScimPeer
{
    public ScimSimulator Simulator { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Simulator = await ScimSimulator.StartAsync();
        Connect(Simulator.BaseUrl, Simulator.BearerToken);
    }

    public override async Task DisposeAsync()
    {
        Raw?.Dispose();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    public override Task Reset()
    {
        Simulator.Reset();
        return Task.CompletedTask;
    }
}
