using System.Globalization;
using Headwater.Configuration.Model;
using Headwater.Core.Planning;
using Microsoft.AspNetCore.Http;

namespace Headwater.Ui;

/// <summary>One scope rule as the Policy page edits it: an attribute, a test and its values (several separated by <c>;</c>).</summary>
public sealed record ScopeRow(string Attribute, string Test = "in", string Values = "", bool Remove = false)
{
    /// <summary>The tests, as <c>scope:</c> writes them (<c>absent</c> is <c>present: false</c>).</summary>
    public static IReadOnlyList<(string Key, string Label)> Tests { get; } =
    [
        ("in", "is one of"), ("notIn", "is none of"), ("present", "has a value"), ("absent", "is empty"),
        ("onOrAfter", "is a date on or after"), ("onOrBefore", "is a date on or before"), ("matches", "matches the pattern"),
    ];

    public bool IsBlank => string.IsNullOrWhiteSpace(Attribute) && string.IsNullOrWhiteSpace(Values);

    public static ScopeRow Of(ScopeRuleConfig rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var attribute = rule.Attribute ?? "";
        return rule switch
        {
            { In: { } values } => new(attribute, "in", string.Join("; ", values)),
            { NotIn: { } values } => new(attribute, "notIn", string.Join("; ", values)),
            { Present: { } present } =>
                new(attribute, string.Equals(present.Trim(), "false", StringComparison.OrdinalIgnoreCase) ? "absent" : "present"),
            { OnOrAfter: { } date } => new(attribute, "onOrAfter", date),
            { OnOrBefore: { } date } => new(attribute, "onOrBefore", date),
            _ => new(attribute, "matches", rule.Matches ?? ""),
        };
    }

    public ScopeRuleConfig ToConfig()
    {
        var attribute = Attribute.Trim();
        var values = Values.Trim();
        IReadOnlyList<string> List() => Values.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return Test switch
        {
            "notIn" => new(attribute, NotIn: List()),
            "present" => new(attribute, Present: "true"),
            "absent" => new(attribute, Present: "false"),
            "onOrAfter" => new(attribute, OnOrAfter: values),
            "onOrBefore" => new(attribute, OnOrBefore: values),
            "matches" => new(attribute, Matches: values),
            _ => new(attribute, In: List()),
        };
    }
}

/// <summary>
/// A destination's lifecycle policy and scope as the Policy page edits them. Creating accounts is one choice of three
/// (when the worker appears in UKG, on the hire date, some days before it), written as <c>create</c> and
/// <c>daysBeforeHire</c>. <see cref="MatchBy"/> holds the account keys in the order they are tried. A key the
/// configuration left out stays out while the form keeps its default.
/// </summary>
public sealed record PolicyForm(
    string Create, string DaysBeforeHire, string NewAccounts, string Leave, string Suspension, string TerminationToday, string DeleteAfterDays,
    string OutOfScope, IReadOnlyList<ScopeRow> Scope, IReadOnlyList<string> MatchBy, SafetyForm Safety)
{
    /// <summary>The account keys <c>matchBy</c> may name, as it writes them.</summary>
    public static IReadOnlyList<string> MatchKeys { get; } = [.. Enum.GetValues<AccountKey>().Select(Written)];

    /// <summary>Blank scope rows offered for adding rules.</summary>
    public const int Spare = 2;

    public static PolicyForm Of(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var l = destination.Lifecycle ?? new LifecycleConfig();
        var days = l.DaysBeforeHire?.Trim() ?? "";
        var whenSeen = string.Equals(l.Create?.Trim(), "whenSeen", StringComparison.OrdinalIgnoreCase);
        var create = whenSeen ? "whenSeen" : days is "" or "0" ? "onHireDate" : "beforeHire";
        return new(create, days, l.NewAccounts ?? "active", l.Leave ?? "keepActive", l.Suspension ?? "keepActive",
            l.TerminationToday ?? "atOnce", l.DeleteAfterDays ?? "", l.OutOfScope ?? "deactivate",
            [.. (destination.Scope ?? []).Select(ScopeRow.Of), .. Enumerable.Repeat(new ScopeRow(""), Spare)],
            l.MatchBy ?? DefaultMatchBy(destination), SafetyForm.Of(destination.Safety));
    }

    /// <summary>The keys the destination's kind matches by when <c>matchBy</c> is left out.</summary>
    public static IReadOnlyList<string> DefaultMatchBy(DestinationConfig destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var kind = MappingRows.Kind(destination);
        var keys = kind is null ? [] : destination.Settings is { } settings ? kind.MatchByFor(settings) : kind.MatchBy;
        return [.. keys.Select(k => Written(k.Key))];
    }

    /// <summary>The keys <paramref name="policy"/> matches by, as <c>matchBy</c> writes them.</summary>
    public static IReadOnlyList<string> MatchKeysOf(SyncPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. policy.MatchBy.Select(m => Written(m.Key))];
    }

    /// <summary>A change of the keys and their order, in words ("Match by: from externalId, email to email"); none when
    /// they stay.</summary>
    public static IReadOnlyList<string> MatchByChanged(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        string Show(IReadOnlyList<string> keys) => keys.Count > 0 ? string.Join(", ", keys) : "nothing (never adopt)";
        return before.SequenceEqual(after, StringComparer.OrdinalIgnoreCase) ? [] : [$"Match by: from {Show(before)} to {Show(after)}"];
    }

    private static string Written(AccountKey key) => string.Concat(key.ToString()[..1].ToLowerInvariant(), key.ToString()[1..]);

    public static PolicyForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rows = new List<ScopeRow>();
        for (var i = 0; form.ContainsKey(Field(i, "Attribute")); i++)
        {
            rows.Add(new(form[Field(i, "Attribute")].ToString(), form[Field(i, "Test")].ToString(), form[Field(i, "Values")].ToString(),
                form.ContainsKey(Field(i, "Remove"))));
        }
        string Get(string key) => form[key].ToString().Trim();
        return new(Get("Create"), Get("DaysBeforeHire"), Get("NewAccounts"), Get("Leave"), Get("Suspension"), Get("TerminationToday"),
            Get("DeleteAfterDays"), Get("OutOfScope"), rows,
            [.. form["MatchBy"].Select(k => k?.Trim() ?? "").Where(k => k.Length > 0)], SafetyForm.Read(form));
    }

    public static string Field(int row, string name) => string.Create(CultureInfo.InvariantCulture, $"Scope[{row}].{name}");

    /// <summary>The destination with this policy and scope; <paramref name="ruleRows"/> gives each written rule's row.</summary>
    public DestinationConfig Apply(DestinationConfig destination, out List<int> ruleRows)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var l = destination.Lifecycle ?? new LifecycleConfig();
        var (create, days) = Create switch
        {
            "whenSeen" => ("whenSeen", null),
            "beforeHire" => ("onHireDate", DaysBeforeHire),
            _ => ("onHireDate", (string?)null),
        };
        var lifecycle = l with
        {
            Create = Keep(l.Create, create, "onHireDate"),
            DaysBeforeHire = days ?? (l.DaysBeforeHire is null ? null : "0"),
            NewAccounts = Keep(l.NewAccounts, NewAccounts, "active"),
            Leave = Keep(l.Leave, Leave, "keepActive"),
            Suspension = Keep(l.Suspension, Suspension, "keepActive"),
            TerminationToday = Keep(l.TerminationToday, TerminationToday, "atOnce"),
            DeleteAfterDays = DeleteAfterDays.Length == 0 ? null : DeleteAfterDays,
            OutOfScope = Keep(l.OutOfScope, OutOfScope, "deactivate"),
            MatchBy = l.MatchBy is { } written && written.SequenceEqual(MatchBy, StringComparer.OrdinalIgnoreCase) ? written
                : l.MatchBy is null && DefaultMatchBy(destination).SequenceEqual(MatchBy, StringComparer.Ordinal) ? null
                : MatchBy,
        };
        ruleRows = [];
        var rules = new List<ScopeRuleConfig>();
        for (var i = 0; i < Scope.Count; i++)
        {
            if (!Scope[i].Remove && !Scope[i].IsBlank)
            {
                rules.Add(Scope[i].ToConfig());
                ruleRows.Add(i);
            }
        }
        return destination with
        {
            Lifecycle = lifecycle == new LifecycleConfig() ? null : lifecycle,
            Scope = rules.Count > 0 ? rules : null,
            Safety = Safety.ToConfig(),
        };
    }

    /// <summary>What was written when the form says the same (any case); left out while it is the default; else the form's.</summary>
    private static string? Keep(string? written, string posted, string fallback) =>
        string.Equals(written?.Trim(), posted, StringComparison.OrdinalIgnoreCase) ? written
        : written is null && string.Equals(posted, fallback, StringComparison.Ordinal) ? null
        : posted.Length == 0 ? written : posted;
}
