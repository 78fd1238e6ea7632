using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Headwater.Core.Planning;

/// <summary>The wire form of <see cref="ReasonCode"/>: snake_case, stored with each change and shown by APIs.</summary>
public static class ReasonCodes
{
    // Spelled out rather than derived from the member names, so a rename in code cannot change stored records.
    private static readonly FrozenDictionary<ReasonCode, string> ToWire = new Dictionary<ReasonCode, string>
    {
        [ReasonCode.Hired] = "hired",
        [ReasonCode.StartsLater] = "starts_later",
        [ReasonCode.CreatedBeforeStart] = "created_before_start",
        [ReasonCode.Activated] = "activated",
        [ReasonCode.Rehired] = "rehired",
        [ReasonCode.Returned] = "returned",
        [ReasonCode.Changed] = "changed",
        [ReasonCode.ManagerChanged] = "manager_changed",
        [ReasonCode.ManagerUnlinked] = "manager_unlinked",
        [ReasonCode.Adopted] = "adopted",
        [ReasonCode.Terminated] = "terminated",
        [ReasonCode.OnLeave] = "on_leave",
        [ReasonCode.Suspended] = "suspended",
        [ReasonCode.OutOfScope] = "out_of_scope",
        [ReasonCode.DeleteAfterGrace] = "delete_after_grace",
        [ReasonCode.DuplicateUserName] = "duplicate_user_name",
        [ReasonCode.AmbiguousMatch] = "ambiguous_match",
        [ReasonCode.AccountOwnedByOther] = "account_owned_by_other",
        [ReasonCode.InvalidValue] = "invalid_value",
        [ReasonCode.UnknownStatus] = "unknown_status",
        [ReasonCode.NotInSource] = "not_in_source",
        [ReasonCode.GroupCreated] = "group_created",
        [ReasonCode.JoinedGroup] = "joined_group",
        [ReasonCode.LeftGroup] = "left_group",
        [ReasonCode.NotInGroupRule] = "not_in_group_rule",
        [ReasonCode.Disconnected] = "disconnected",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ReasonCode> FromWire =
        ToWire.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The code's snake_case wire form, e.g. <c>out_of_scope</c>.</summary>
    public static string Wire(this ReasonCode code) =>
        ToWire.TryGetValue(code, out var wire) ? wire : throw new ArgumentOutOfRangeException(nameof(code), code, "Not a reason code.");

    /// <summary>The code a wire form names, ignoring case; false for anything else (a record from a newer version).</summary>
    public static bool TryParse([NotNullWhen(true)] string? wire, out ReasonCode code) =>
        FromWire.TryGetValue(wire?.Trim() ?? "", out code);

    /// <exception cref="FormatException">The text is not a reason code's wire form.</exception>
    public static ReasonCode Parse(string wire) =>
        TryParse(wire, out var code) ? code : throw new FormatException($"'{wire}' is not a reason code.");
}
