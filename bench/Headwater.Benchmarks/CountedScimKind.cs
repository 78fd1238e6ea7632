using Headwater.Connectors.Destinations;
using Headwater.Connectors.Scim;
using Headwater.Core.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Benchmarks;

/// <summary>
/// The SCIM destination kind with every request it sends counted: registers as <see cref="ScimKind"/> does, then
/// adds <paramref name="counter"/>'s handler to the destination's HttpClient, so the services can come from
/// <c>SyncServices.Build</c> unchanged.
/// </summary>
internal sealed class CountedScimKind(ScimCallCounter counter) : DestinationKind
{
    private readonly ScimKind _scim = new();

    public override string Type => _scim.Type;

    public override IReadOnlyList<string> Keys => _scim.Keys;

    public override IReadOnlyList<KeyLabel> Labels => _scim.Labels;

    public override IReadOnlyList<AttributeMapping> DefaultMapping => _scim.DefaultMapping;

    public override IReadOnlyList<MatchKey> MatchBy => _scim.MatchBy;

    public override KindConfig Bind(ConfigSection section, string name) => _scim.Bind(section, name);

    public override bool Owns(KindConfig config) => _scim.Owns(config);

    public override DestinationOptions? Validate(KindConfig config, ConfigCheck check, string name) => _scim.Validate(config, check, name);

    public override IEnumerable<string> CheckMapping(IReadOnlyList<AttributeMapping> mappings, KindConfig? settings = null) =>
        _scim.CheckMapping(mappings, settings);

    public override string? CheckGroups(DestinationOptions options) => _scim.CheckGroups(options);

    public override void Register(IServiceCollection services, string name, DestinationOptions options)
    {
        _scim.Register(services, name, options);
        services.AddHttpClient(ScimServices.HttpClientName(name)).AddHttpMessageHandler(counter.Handler);
    }
}
