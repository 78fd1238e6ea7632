namespace Headwater.Benchmarks;

/// <summary>A SCIM server to sync against: where it is, its token, and how many users and groups it holds.</summary>
internal interface IScimTestServer : IAsyncDisposable
{
    /// <summary>The SCIM root, ending in a slash.</summary>
    Uri BaseUrl { get; }

    string Token { get; }

    Task<int> Users();

    Task<int> Groups();
}
