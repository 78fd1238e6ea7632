using Headwater.Core.Configuration;
using Headwater.Core.Planning;

namespace Headwater.Configuration;

/// <summary><c>lifecycle:</c> (the <see cref="SyncPolicy"/>) and <c>safety:</c> (the <see cref="SafetyLimits"/>).</summary>
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

    public static SyncPolicy? Policy(ConfigReader reader, ConfigSection destination, SyncPolicy defaults)
    {
        if (destination.Child("lifecycle", Keys) is not { } section)
        {
            return destination.Has("lifecycle") ? null : defaults;
        }
        var before = reader.Problems.Count;
        var deleteAfter = section.WholeNumber("deleteAfterDays", 0, 3650);
        var policy = new SyncPolicy
        {
            CreateWhen = section.Choice("create", Creates) ?? defaults.CreateWhen,
            DaysBeforeHire = section.WholeNumber("daysBeforeHire", 0, 365) ?? defaults.DaysBeforeHire,
            NewAccounts = section.Choice("newAccounts", NewAccounts) ?? defaults.NewAccounts,
            Leave = section.Choice("leave", Leaves) ?? defaults.Leave,
            Suspension = section.Choice("suspension", Leaves) ?? defaults.Suspension,
            TerminationToday = section.Choice("terminationToday", TerminationsToday) ?? defaults.TerminationToday,
            DeleteAfter = deleteAfter is { } days ? TimeSpan.FromDays(days) : defaults.DeleteAfter,
            OutOfScope = section.Choice("outOfScope", OutOfScopes) ?? defaults.OutOfScope,
            MatchBy = MatchBy(section, defaults) ?? defaults.MatchBy,
        };
        return reader.Problems.Count > before ? null : policy;
    }

    public static SafetyLimits? Limits(ConfigSection destination)
    {
        var defaults = new SafetyLimits();
        if (destination.Child("safety", SafetyKeys) is not { } section)
        {
            return defaults;
        }
        return new SafetyLimits(
            Limit(section, "maxDeactivations", defaults.MaxDeactivations),
            Limit(section, "maxDeactivationPercent", defaults.MaxDeactivationPercent),
            Limit(section, "maxDeletions", defaults.MaxDeletions),
            Limit(section, "maxDeletionPercent", defaults.MaxDeletionPercent))
        {
            MaxIdentityChanges = Limit(section, "maxIdentityChanges", defaults.MaxIdentityChanges),
            MaxIdentityChangePercent = Limit(section, "maxIdentityChangePercent", defaults.MaxIdentityChangePercent),
            MaxSourceDropPercent = Limit(section, "maxSourceDropPercent", defaults.MaxSourceDropPercent),
        };
    }

    /// <summary>Each key names the account key matched; the worker's value is the target the default policy
    /// compares it with (e.g. <c>email</c> against the work email).</summary>
    private static List<MatchKey>? MatchBy(ConfigSection section, SyncPolicy defaults)
    {
        var keys = section.Choices("matchBy", AccountKeys);
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

    /// <summary>A count or percentage; <c>none</c> or no value means no limit, and leaving the key out keeps the default.</summary>
    private static int? Limit(ConfigSection section, string key, int? fallback) =>
        !section.Written(key) ? fallback : IsNone(section, key) ? null : section.WholeNumber(key, 0, 1_000_000);

    private static double? Limit(ConfigSection section, string key, double? fallback) =>
        !section.Written(key) ? fallback : IsNone(section, key) ? null : section.Number(key, 0, 100);

    private static bool IsNone(ConfigSection section, string key) =>
        section.Value(key) switch
        {
            null => true,
            ConfigScalar { Value: var text } => string.Equals(text?.Trim(), "none", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
}
