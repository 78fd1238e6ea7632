using Headwater.Connectors.Scim;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>
/// The destination conformance suite against test/scim-server (scimmy), the third-party reference, with the default
/// compatibility profile (PATCH). scimmy drops attributes of schemas it was not given, so the custom-attribute test
/// checks that such an attribute is accepted and dropped without harm; the shape Headwater sends for one is checked
/// in ScimWireTests.
/// </summary>
[Collection(ScimServerCollectionDefinition.Name)]
public class ScimConformanceTests(ScimServer server) : ScimConformanceSuite(server)
{
    protected override bool KeepsCustomAttributes => false;
}

/// <summary>The same suite with updates sent as GET + PUT of the whole resource.</summary>
[Collection(ScimServerCollectionDefinition.Name)]
public sealed class ScimPutConformanceTests(ScimServer server) : ScimConformanceTests(server)
{
    protected override ScimCompatibility Compatibility => new() { UpdateMethod = ScimUpdateMethod.Put };
}
