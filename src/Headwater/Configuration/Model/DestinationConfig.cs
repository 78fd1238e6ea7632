using Headwater.Connectors.Destinations;

namespace Headwater.Configuration.Model;

/// <summary>One destination as written: what every destination has, and <see cref="Settings"/>, the keys of its kind
/// (a record the kind declares, e.g. <c>ScimConfig</c>); null when the type names no kind.</summary>
public sealed record DestinationConfig(
    string? Name,
    string? Type,
    KindConfig? Settings,
    string? Concurrency = null,
    IReadOnlyList<ScopeRuleConfig>? Scope = null,
    MappingConfig? Mapping = null,
    IReadOnlyList<GroupConfig>? Groups = null,
    LifecycleConfig? Lifecycle = null,
    SafetyConfig? Safety = null);

/// <summary>One item of <c>scope:</c>: an attribute and one test.</summary>
public sealed record ScopeRuleConfig(
    string? Attribute,
    IReadOnlyList<string>? In = null,
    IReadOnlyList<string>? NotIn = null,
    string? Present = null,
    string? OnOrAfter = null,
    string? OnOrBefore = null,
    string? Matches = null);

/// <summary><c>mapping:</c>; <see cref="Lookups"/> are tables by name, each in the order written.</summary>
public sealed record MappingConfig(
    string? Defaults = null,
    IReadOnlyList<AttributeConfig>? Attributes = null,
    IReadOnlyList<LookupConfig>? Lookups = null);

public sealed record AttributeConfig(
    string? Target,
    string? Value = null,
    string? Applies = null,
    string? WhenEmpty = null,
    IReadOnlyList<string>? Choices = null,
    string? Remove = null);

/// <summary>One lookup table: its entries from key to value.</summary>
public sealed record LookupConfig(string Name, IReadOnlyList<KeyValuePair<string, string>> Entries);

public sealed record GroupConfig(string? From, string? Name = null);

public sealed record LifecycleConfig(
    string? Create = null,
    string? DaysBeforeHire = null,
    string? NewAccounts = null,
    string? Leave = null,
    string? Suspension = null,
    string? TerminationToday = null,
    string? DeleteAfterDays = null,
    string? OutOfScope = null,
    IReadOnlyList<string>? MatchBy = null);

/// <summary><c>safety:</c>. A limit left out keeps its default; <c>none</c> (or a key with no value, kept as <c>none</c>) is no limit.</summary>
public sealed record SafetyConfig(
    string? MaxDeactivations = null,
    string? MaxDeactivationPercent = null,
    string? MaxDeletions = null,
    string? MaxDeletionPercent = null,
    string? MaxIdentityChanges = null,
    string? MaxIdentityChangePercent = null,
    string? MaxSourceDropPercent = null);
