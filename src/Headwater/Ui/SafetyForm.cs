using System.Globalization;
using Headwater.Configuration.Model;
using Headwater.Core.Planning;
using Microsoft.AspNetCore.Http;

namespace Headwater.Ui;

/// <summary>One limit of <c>safety:</c>: its key, how the page names it, its default, and its value once checked.</summary>
public sealed record SafetyLimit(string Key, string Label, string Default, Func<SafetyLimits, double?> Of)
{
    /// <summary>The form field's name.</summary>
    public string Field => "Safety." + Key;
}

/// <summary>
/// <c>safety:</c> as the Policy page edits it: each limit as typed, in the order of <see cref="Limits"/>. Blank keeps
/// the default (the key is left out) and <c>none</c> turns the limit off, as in the file.
/// </summary>
public sealed record SafetyForm(IReadOnlyList<string> Values)
{
    public static IReadOnlyList<SafetyLimit> Limits { get; } =
    [
        new("maxDeactivations", "Deactivations per run", "25", l => l.MaxDeactivations),
        new("maxDeactivationPercent", "Deactivations per run, in % of managed accounts", "5", l => l.MaxDeactivationPercent),
        new("maxDeletions", "Deletions per run", "25", l => l.MaxDeletions),
        new("maxDeletionPercent", "Deletions per run, in % of managed accounts", "5", l => l.MaxDeletionPercent),
        new("maxIdentityChanges", "Sign-in identity changes per run", "25", l => l.MaxIdentityChanges),
        new("maxIdentityChangePercent", "Sign-in identity changes per run, in % of managed accounts", "5", l => l.MaxIdentityChangePercent),
        new("maxSourceDropPercent", "Fewer people read from UKG Pro than at the last applied run, in %", "10", l => l.MaxSourceDropPercent),
    ];

    public static SafetyForm Of(SafetyConfig? safety) => new(safety is null ? [.. Limits.Select(_ => "")] :
    [
        safety.MaxDeactivations ?? "", safety.MaxDeactivationPercent ?? "", safety.MaxDeletions ?? "", safety.MaxDeletionPercent ?? "",
        safety.MaxIdentityChanges ?? "", safety.MaxIdentityChangePercent ?? "", safety.MaxSourceDropPercent ?? "",
    ]);

    public static SafetyForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new([.. Limits.Select(l => form[l.Field].ToString().Trim())]);
    }

    /// <summary><c>safety:</c> with this form's limits: a blank one left out, and none at all when every one is blank.</summary>
    public SafetyConfig? ToConfig()
    {
        string? At(int i) => i < Values.Count && Values[i].Trim() is { Length: > 0 } value ? value : null;
        var safety = new SafetyConfig(At(0), At(1), At(2), At(3), At(4), At(5), At(6));
        return safety == new SafetyConfig() ? null : safety;
    }

    /// <summary>The limits <paramref name="after"/> raises or turns off compared with <paramref name="before"/>, in words:
    /// what saving it loosens.</summary>
    public static IReadOnlyList<string> Loosened(SafetyLimits before, SafetyLimits after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return
        [
            .. Limits.Where(l => l.Of(before) is { } was && (l.Of(after) is not { } now || now > was))
                .Select(l => $"{l.Label}: from {Show(l.Of(before))} to {Show(l.Of(after))}"),
        ];
    }

    private static string Show(double? limit) => limit is { } n ? n.ToString("0.##", CultureInfo.InvariantCulture) : "no limit";
}
