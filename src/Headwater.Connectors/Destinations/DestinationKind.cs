using Headwater.Core.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Destinations;

/// <summary>A destination's own keys, those of its kind, as written; each kind declares its record.</summary>
public abstract record KindConfig
{
    /// <summary>Writes the keys back, in the order the documentation gives them.</summary>
    public abstract void Write(ConfigMapBuilder map);
}

/// <summary>
/// A kind of destination, named by <c>type:</c> in the integration: the settings it reads (and how they are checked),
/// the mapping it starts from, how its existing accounts are matched, and how it is built. The engine knows kinds
/// only through this, so adding one touches no engine file.
/// </summary>
public abstract class DestinationKind
{
    /// <summary>The <c>type:</c> value, e.g. <c>scim</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The keys of a destination this kind reads, besides those every destination has.</summary>
    public abstract IReadOnlyList<string> Keys { get; }

    /// <summary>Each of <see cref="Keys"/> as people see it, with its label and hint (and a section's own keys).</summary>
    public abstract IReadOnlyList<KeyLabel> Labels { get; }

    /// <summary>The mapping a destination of this kind starts with; <c>mapping:</c> adds to or replaces it by target.</summary>
    public abstract IReadOnlyList<AttributeMapping> DefaultMapping { get; }

    /// <summary>How existing accounts are matched to workers on a first sync, by default; empty when the destination
    /// holds no accounts of its own to match.</summary>
    public virtual IReadOnlyList<MatchKey> MatchBy => [];

    /// <summary>The mapping a destination with these settings starts with: <see cref="DefaultMapping"/> unless the
    /// kind's settings shape it (an LDAP profile, the expression for an entry's OU).</summary>
    public virtual IReadOnlyList<AttributeMapping> DefaultMappingFor(KindConfig settings) => DefaultMapping;

    /// <summary>How a destination with these settings matches existing accounts: <see cref="MatchBy"/> unless its settings change it.</summary>
    public virtual IReadOnlyList<MatchKey> MatchByFor(KindConfig settings) => MatchBy;

    /// <summary>Binds this kind's keys of destination <paramref name="name"/>, as written; <paramref name="name"/> suggests
    /// the variables of its secrets. Shape problems are reported through <paramref name="section"/>.</summary>
    public abstract KindConfig Bind(ConfigSection section, string name);

    /// <summary>Whether <paramref name="config"/> holds this kind's keys.</summary>
    public abstract bool Owns(KindConfig config);

    /// <summary>Checks this kind's keys of destination <paramref name="name"/> and builds its options; null when any is
    /// wrong (the problems are reported through <paramref name="check"/>).</summary>
    public abstract DestinationOptions? Validate(KindConfig config, ConfigCheck check, string name);

    /// <summary>What is wrong with a destination's finished mapping for this kind (e.g. a SCIM user needs a userName).</summary>
    public virtual IEnumerable<string> CheckMapping(IReadOnlyList<AttributeMapping> mappings, KindConfig? settings = null) => [];

    /// <summary>What is wrong with using group rules here; null when groups can be kept.</summary>
    public virtual string? CheckGroups(DestinationOptions options) => "this kind of destination has no groups";

    /// <summary>Registers destination <paramref name="name"/> as a keyed <see cref="IDestination"/>.</summary>
    public abstract void Register(IServiceCollection services, string name, DestinationOptions options);

    /// <summary>The kinds Headwater knows, by <c>type:</c>.</summary>
    public static IReadOnlyList<DestinationKind> All { get; } =
        [new Scim.ScimKind(), new Files.FileKind(), new Ldap.LdapKind(), new Webhooks.WebhookKind()];
}

/// <summary>A kind whose own keys are a <typeparamref name="TConfig"/>: the one place the engine's view of them meets the
/// kind's record.</summary>
public abstract class DestinationKind<TConfig> : DestinationKind where TConfig : KindConfig
{
    public sealed override bool Owns(KindConfig config) => config is TConfig;

    public sealed override DestinationOptions? Validate(KindConfig config, ConfigCheck check, string name) =>
        Validate((TConfig)config, check, name);

    /// <inheritdoc cref="DestinationKind.Validate"/>
    protected abstract DestinationOptions? Validate(TConfig config, ConfigCheck check, string name);
}
