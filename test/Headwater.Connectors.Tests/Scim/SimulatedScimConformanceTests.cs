using Headwater.Connectors.Scim;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>
/// The destination conformance suite against the simulator's SCIM service provider (PATCH profile), so the suite
/// also runs without Node.js. Unlike scimmy, the simulator keeps attributes of schemas it was not told about.
/// </summary>
[Collection(SimulatedScimCollectionDefinition.Name)]
public class SimulatedScimConformanceTests(SimulatedScimServer server) : ScimConformanceSuite(server)
{
    protected override bool KeepsCustomAttributes => true;
}

/// <summary>The same suite with updates sent as GET + PUT of the whole resource.</summary>
[Collection(SimulatedScimCollectionDefinition.Name)]
public sealed class SimulatedScimPutConformanceTests(SimulatedScimServer server) : SimulatedScimConformanceTests(server)
{
    protected override ScimCompatibility Compatibility => new() { UpdateMethod = ScimUpdateMethod.Put };
}
