using Headwater.Simulator.Generation;

namespace Headwater.Simulator.Tests.Generation;

/// <summary>One 5,000-employee tenant, generated once and shared by the statistical generator tests.</summary>
public sealed class GeneratedTenant
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);
    public const int Employees = 5_000;

    public TenantData Data { get; } = TenantGenerator.Generate(new GeneratorOptions(Employees, 42, AsOf));
}
