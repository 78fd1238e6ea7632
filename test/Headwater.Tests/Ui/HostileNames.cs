using Headwater.Simulator.Tenants;

namespace Headwater.Tests.Ui;

/// <summary>Names that break careless pages: markup, a very long name, right-to-left and non-Latin scripts, emoji. The
/// tests give them to employees in the UKG tenant and look for them, shown as text, on the pages.</summary>
public static class HostileNames
{
    public static IReadOnlyList<(string First, string Last)> All { get; } =
    [
        ("<script>alert(1)</script>", "<b>Bold</b>"),
        ("Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzen",
            "Longname"),
        ("مريم", "العلي"),
        ("李", "小龍"),
        ("Zoë 🦄", "O'Brien-Ünal"),
    ];

    /// <summary>Renames the first active employees of <paramref name="tenant"/>; their employee IDs with their new display names.</summary>
    public static IReadOnlyList<(string EmployeeId, string Name)> Give(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var active = tenant.Snapshot().ToArray().Where(r => r.StatusCode == EmployeeStatus.Active && r.IsHomeCompany).Take(All.Count).ToList();
        return [.. active.Zip(All, (row, name) =>
        {
            tenant.Rename(row.EmployeeId, name.First, name.Last);
            return (row.EmployeeId, $"{name.First} {name.Last}");
        })];
    }
}
