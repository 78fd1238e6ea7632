using Headwater.Simulator.Generation;

namespace Headwater.Simulator.Tests.Generation;

public sealed class GeneratorDeterminismTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Fact]
    public void The_same_seed_and_date_give_an_identical_tenant()
    {
        var first = TenantGenerator.Generate(new GeneratorOptions(1_000, 7, AsOf));
        var second = TenantGenerator.Generate(new GeneratorOptions(1_000, 7, AsOf));

        Assert.Equal(first.Companies, second.Companies);
        Assert.Equal(first.OrgLevels, second.OrgLevels);
        Assert.Equal(first.Locations, second.Locations);
        Assert.Equal(first.Jobs, second.Jobs);
        Assert.Equal(first.Roles, second.Roles);
        Assert.Equal(first.Rows.Count, second.Rows.Count);
        for (var i = 0; i < first.Rows.Count; i++)
        {
            Assert.Equal(first.Rows[i], second.Rows[i]);
        }
        Assert.True(first.BrokenReferences.SetEquals(second.BrokenReferences));
    }

    [Fact]
    public void A_different_seed_gives_different_people_and_company_ids()
    {
        var first = TenantGenerator.Generate(new GeneratorOptions(1_000, 7, AsOf));
        var second = TenantGenerator.Generate(new GeneratorOptions(1_000, 8, AsOf));

        Assert.NotEqual(first.Companies[0].CompanyId, second.Companies[0].CompanyId);
        var same = first.Rows.Zip(second.Rows).Count(pair => pair.First == pair.Second);
        Assert.Equal(0, same);
        var sameNames = first.Rows.Zip(second.Rows).Count(pair =>
            pair.First.FirstName == pair.Second.FirstName && pair.First.LastName == pair.Second.LastName);
        Assert.True(sameNames < first.Rows.Count / 10, $"{sameNames} of {first.Rows.Count} rows kept their name");
    }

    [Fact]
    public void A_different_date_moves_the_dates_but_keeps_the_people()
    {
        var first = TenantGenerator.Generate(new GeneratorOptions(500, 7, AsOf));
        var later = TenantGenerator.Generate(new GeneratorOptions(500, 7, AsOf.AddDays(10)));

        Assert.Equal(first.Rows.Select(r => r.EmployeeId), later.Rows.Select(r => r.EmployeeId));
        Assert.Equal(first.Rows.Select(r => r.LastName), later.Rows.Select(r => r.LastName));
        Assert.All(first.Rows.Zip(later.Rows), pair => Assert.Equal(pair.First.LastHireDate.AddDays(10), pair.Second.LastHireDate));
    }

    [Fact]
    public void A_tenant_is_generated_for_the_requested_number_of_people()
    {
        var data = TenantGenerator.Generate(new GeneratorOptions(250, 3, AsOf));

        Assert.Equal(250, data.Rows.Where(r => r.IsHomeCompany).Select(r => r.EmployeeId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(data.Rows.Count(r => r.IsHomeCompany), data.Rows.Select(r => r.EmployeeId).Distinct(StringComparer.Ordinal).Count());
    }
}
