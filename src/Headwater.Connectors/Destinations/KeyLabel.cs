namespace Headwater.Connectors.Destinations;

/// <summary>
/// How people see one of a kind's keys (<c>bindDn</c>): a label ("Bind DN"), a short hint, and for a section its own
/// keys. A section whose keys are names people choose (LDAP <c>unique:</c>, one attribute each with a list of
/// candidates) is <see cref="Named"/>. Forms are built from these; the key stays the one written in YAML.
/// </summary>
public sealed record KeyLabel(string Key, string Label, string Hint)
{
    /// <summary>A section's own keys, in the order a form shows them; empty for a value.</summary>
    public IReadOnlyList<KeyLabel> Keys { get; init; } = [];

    /// <summary>A section whose keys are names people choose, each holding a list (one a line on a form).</summary>
    public bool Named { get; init; }

    public bool IsSection => Keys.Count > 0 || Named;
}
