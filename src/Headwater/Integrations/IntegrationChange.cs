using Headwater.Configuration;
using Headwater.Configuration.Model;
using Headwater.Core.Configuration;

namespace Headwater.Integrations;

public enum IntegrationChangeKind
{
    Create,
    Update,
    None,
}

/// <summary>One line of a change: a value's path and what it was and becomes, as written. A secret is only ever
/// <see cref="Note"/>d (<c>(secret changed)</c>), never shown.</summary>
public sealed record SettingChange(string Path, string? Old, string? New, string? Note = null)
{
    public override string ToString() => (Note, Old, New) switch
    {
        ({ } note, _, _) => $"~ {Path}: {note}",
        (_, null, _) => $"+ {Path}: {New}",
        (_, _, null) => $"- {Path}: {Old}",
        _ => $"~ {Path}: {Old} → {New}",
    };
}

/// <summary>What applying one integration changes, attribute by attribute, like a Terraform plan.</summary>
public sealed record IntegrationChange(string Name, IntegrationChangeKind Kind, IReadOnlyList<SettingChange> Attributes)
{
    /// <summary>The change from what is stored (null: nothing) to what is applied.</summary>
    /// <param name="name">The integration's name.</param>
    /// <param name="stored">The stored configuration and its variables' values; null when it is new.</param>
    /// <param name="applied">The configuration applied.</param>
    /// <param name="values">The values the applied configuration's variables will have.</param>
    /// <param name="kept">The variables left unset in the environment whose stored values are kept.</param>
    public static IntegrationChange Between(string name, (IntegrationConfig Config, IReadOnlyDictionary<string, string> Values)? stored,
        IntegrationConfig applied, IReadOnlyDictionary<string, string> values, IReadOnlySet<string> kept)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(kept);
        var now = IntegrationFile.Values(applied);
        if (stored is not { } before)
        {
            return new(name, IntegrationChangeKind.Create, [.. now.Select(v => new SettingChange(v.Key, null, v.Value))]);
        }
        var then = IntegrationFile.Values(before.Config).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var lines = new List<SettingChange>();
        foreach (var (path, value) in now)
        {
            if (!then.Remove(path, out var old))
            {
                lines.Add(new(path, null, value));
            }
            else if (old != value)
            {
                lines.Add(new(path, old, value));
            }
        }
        lines.AddRange(then.Select(v => new SettingChange(v.Key, v.Value, null)));
        var secrets = IntegrationFile.Secrets(applied);
        var notes = new List<SettingChange>();
        foreach (var (path, value) in now.Where(v => lines.All(l => l.Path != v.Key)))
        {
            var variables = ConfigReader.References(value).ToList();
            var changed = variables.Where(v => before.Values.GetValueOrDefault(v) != values.GetValueOrDefault(v)).ToList();
            if (changed.Count > 0)
            {
                notes.Add(new(path, null, null, secrets.ContainsKey(path) ? "(secret changed)"
                    : $"(value of {string.Join(", ", changed.Select(v => $"${{{v}}}"))} changed)"));
            }
            else if (secrets.ContainsKey(path) && variables.Any(kept.Contains))
            {
                notes.Add(new(path, null, null, "(secret kept)"));
            }
        }
        lines.AddRange(notes);
        // A secret kept is worth saying only beside a change.
        return lines.All(l => l.Note == "(secret kept)") ? new(name, IntegrationChangeKind.None, []) : new(name, IntegrationChangeKind.Update, lines);
    }
}
