using Headwater.Configuration.Model;
using Headwater.Core.Configuration;
using Headwater.Core.Planning;

namespace Headwater.Configuration;

/// <summary><c>lifecycle:</c> (the <see cref="SyncPolicy"/>) and <c>safety:</c> (the <see cref="SafetyLimits"/>): bound, written
/// back, and checked.</summary>
internal static class LifecycleSection
{
    private static readonly string[] Keys =
        ["create", "daysBeforeHire", "newAccounts", "leave", "suspension", "terminationToday", "deleteAfterDays", "outOfScope", "matchBy"];

    private static readonly string[] SafetyKeys =
        ["maxDeactivations", "maxDeactivationPercent", "maxDeletions", "maxDeletionPercent", "maxIdentityChanges", "maxIdentityChangePercent",
         "maxSourceDropPercent"];

    private static readonly (string, CreateWhen)[] Creates = [("onHireDate", CreateWhen.HireDate), ("whenSeen", CreateWhen.Appears)];

    private static readonly (string, NewAccountState)[] NewAccounts =
        [("active", NewAccountState.Active), ("pendingUntilStart", NewAccountState.PendingUntilStart)];

    private static readonly (string, LeavePolicy)[] Leaves = [("keepActive", LeavePolicy.KeepActive), ("deactivate", LeavePolicy.Deactivate)];

    private static readonly (string, TerminationToday)[] TerminationsToday =
        [("atOnce", TerminationToday.AtOnce), ("endOfDay", TerminationToday.EndOfDay)];

    private static readonly (string, OutOfScopePolicy)[] OutOfScopes =
        [("deactivate", OutOfScopePolicy.Deactivate), ("ignore", OutOfScopePolicy.Ignore)];

    private static readonly (string, AccountKey)[] AccountKeys =
        [("externalId", AccountKey.ExternalId), ("email", AccountKey.Email), ("userName", AccountKey.UserName)];

    public static LifecycleConfig? Bind(ConfigSection destination) => destination.Child("lifecycle", Keys) is { } s
        ? new LifecycleConfig(s.Text("create"), s.Text("daysBeforeHire"), s.Text("newAccounts"), s.Text("leave"), s.Text("suspension"),
            s.Text("terminationToday"), s.Text("deleteAfterDays"), s.Text("outOfScope"), s.Texts("matchBy"))
        : null;

    /// <summary>A limit written with no value is kept as <c>none</c>: unlike elsewhere, it differs from leaving the key out.</summary>
    public static SafetyConfig? BindSafety(ConfigSection destination)
    {
        if (destination.Child("safety", SafetyKeys) is not { } s)
        {
            return null;
        }
        string? Limit(string key) => s.Written(key) && !s.Has(key) ? "none" : s.Text(key);
        return new SafetyConfig(Limit("maxDeactivations"), Limit("maxDeactivationPercent"), Limit("maxDeletions"), Limit("maxDeletionPercent"),
            Limit("maxIdentityChanges"), Limit("maxIdentityChangePercent"), Limit("maxSourceDropPercent"));
    }

    public static ConfigMap? Write(LifecycleConfig? lifecycle) => lifecycle is null ? null : new ConfigMapBuilder()
        .Text("create", lifecycle.Create).Bare("daysBeforeHire", lifecycle.DaysBeforeHire).Text("newAccounts", lifecycle.NewAccounts)
        .Text("leave", lifecycle.Leave).Text("suspension", lifecycle.Suspension).Text("terminationToday", lifecycle.TerminationToday)
        .Bare("deleteAfterDays", lifecycle.DeleteAfterDays).Text("outOfScope", lifecycle.OutOfScope).Texts("matchBy", lifecycle.MatchBy)
        .Build(empty: true);

    public static ConfigMap? Write(SafetyConfig? safety) => safety is null ? null : new ConfigMapBuilder()
        .Bare("maxDeactivations", safety.MaxDeactivations).Bare("maxDeactivationPercent", safety.MaxDeactivationPercent)
        .Bare("maxDeletions", safety.MaxDeletions).Bare("maxDeletionPercent", safety.MaxDeletionPercent)
        .Bare("maxIdentityChanges", safety.MaxIdentityChanges).Bare("maxIdentityChangePercent", safety.MaxIdentityChangePercent)
        .Bare("maxSourceDropPercent", safety.MaxSourceDropPercent).Build(empty: true);

    public static SyncPolicy? Policy(ConfigCheck destination, LifecycleConfig? written, SyncPolicy defaults)
    {
        if (written is null)
        {
            return destination.Reader.Reported(destination.At("lifecycle")) ? null : defaults;
        }
        var section = destination.Child("lifecycle");
        var before = section.Reader.Problems.Count;
        var deleteAfter = section.WholeNumber("deleteAfterDays", written.DeleteAfterDays, 0, 3650);
        var policy = new SyncPolicy
        {
            CreateWhen = section.Choice("create", written.Create, Creates) ?? defaults.CreateWhen,
            DaysBeforeHire = section.WholeNumber("daysBeforeHire", written.DaysBeforeHire, 0, 365) ?? defaults.DaysBeforeHire,
            NewAccounts = section.Choice("newAccounts", written.NewAccounts, NewAccounts) ?? defaults.NewAccounts,
            Leave = section.Choice("leave", written.Leave, Leaves) ?? defaults.Leave,
            Suspension = section.Choice("suspension", written.Suspension, Leaves) ?? defaults.Suspension,
            TerminationToday = section.Choice("terminationToday", written.TerminationToday, TerminationsToday) ?? defaults.TerminationToday,
            DeleteAfter = deleteAfter is { } days ? TimeSpan.FromDays(days) : defaults.DeleteAfter,
            OutOfScope = section.Choice("outOfScope", written.OutOfScope, OutOfScopes) ?? defaults.OutOfScope,
            MatchBy = MatchBy(section, written.MatchBy, defaults) ?? defaults.MatchBy,
        };
        return section.Reader.Problems.Count > before ? null : policy;
    }

    public static SafetyLimits? Limits(ConfigCheck destination, SafetyConfig? written)
    {
        var defaults = new SafetyLimits();
        if (written is null)
        {
            return defaults;
        }
        var section = destination.Child("safety");
        return new SafetyLimits(
            Count(section, "maxDeactivations", written.MaxDeactivations, defaults.MaxDeactivations),
            Percent(section, "maxDeactivationPercent", written.MaxDeactivationPercent, defaults.MaxDeactivationPercent),
            Count(section, "maxDeletions", written.MaxDeletions, defaults.MaxDeletions),
            Percent(section, "maxDeletionPercent", written.MaxDeletionPercent, defaults.MaxDeletionPercent))
        {
            MaxIdentityChanges = Count(section, "maxIdentityChanges", written.MaxIdentityChanges, defaults.MaxIdentityChanges),
            MaxIdentityChangePercent = Percent(section, "maxIdentityChangePercent", written.MaxIdentityChangePercent, defaults.MaxIdentityChangePercent),
            MaxSourceDropPercent = Percent(section, "maxSourceDropPercent", written.MaxSourceDropPercent, defaults.MaxSourceDropPercent),
        };
    }

    /// <summary>Each key names the account key matched; the worker's value is the target the default policy
    /// compares it with (e.g. <c>email</c> against the work email).</summary>
    private static List<MatchKey>? MatchBy(ConfigCheck section, IReadOnlyList<string>? written, SyncPolicy defaults)
    {
        var keys = section.Choices("matchBy", written, AccountKeys);
        if (keys is null)
        {
            return null;
        }
        if (keys.Count == 0)
        {
            section.Problem("matchBy", $"give at least one of {string.Join(", ", AccountKeys.Select(k => k.Item1))}");
            return null;
        }
        if (keys.Distinct().Count() != keys.Count)
        {
            section.Problem("matchBy", "each key may be given once");
            return null;
        }
        if (keys.Any(key => !defaults.MatchBy.Any(m => m.Key == key)))
        {
            section.Problem("matchBy", defaults.MatchBy.Count == 0
                ? "this kind of destination holds no accounts of its own to match"
                : $"this kind of destination matches by {string.Join(", ", defaults.MatchBy.Select(m => m.Key))}");
            return null;
        }
        return [.. keys.Select(key => defaults.MatchBy.First(m => m.Key == key))];
    }

    /// <summary>A count or percentage; <c>none</c> means no limit, and leaving the key out keeps the default.</summary>
    private static int? Count(ConfigCheck section, string key, string? written, int? fallback) =>
        written is null ? fallback : IsNone(written) ? null : section.WholeNumber(key, written, 0, 1_000_000);

    private static double? Percent(ConfigCheck section, string key, string? written, double? fallback) =>
        written is null ? fallback : IsNone(written) ? null : section.Number(key, written, 0, 100);

    private static bool IsNone(string written) => string.Equals(written.Trim(), "none", StringComparison.OrdinalIgnoreCase);
}
