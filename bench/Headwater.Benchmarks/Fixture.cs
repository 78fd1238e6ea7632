namespace Headwater.Benchmarks;

/// <summary>
/// The tenant every benchmark generates: a fixed seed, as of today (as the simulator itself generates it), so no
/// future-dated termination falls due while the tenant is read.
/// </summary>
internal static class Fixture
{
    public const int Seed = 42;
    public const int PageSize = 10_000;
    public static readonly DateOnly AsOf = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
}
