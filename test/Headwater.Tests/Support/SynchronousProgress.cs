namespace Headwater.Tests.Support;

/// <summary>Reports on the caller's thread, so a test can stop a sync at an exact point.</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
