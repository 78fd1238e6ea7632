namespace Headwater.Core.Mapping;

/// <summary>
/// What an expression is evaluated against: one worker's attributes and the mapping's lookup tables, plus the
/// problems found on the way (bad dates, non-numeric lengths). The problem list exists only once there is one.
/// </summary>
internal struct Scope(
    IReadOnlyDictionary<string, string?> attributes,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups)
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NoLookups =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public static readonly IReadOnlyDictionary<string, string?> NoAttributes = new Dictionary<string, string?>();

    public IReadOnlyDictionary<string, string?> Attributes { get; } = attributes;
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Lookups { get; } = lookups;
    public List<string>? Problems { get; private set; }

    public void Report(string problem) => (Problems ??= []).Add(problem);
}
