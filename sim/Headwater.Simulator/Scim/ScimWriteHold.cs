namespace Headwater.Simulator.Scim;

/// <summary>
/// Holds a SCIM application's writes, to look at a client mid-way: the first <c>passing</c> writes (POST, PUT, PATCH,
/// DELETE) made after it begins go through, later ones wait until it is disposed, and reads answer all along. From
/// <see cref="ScimSimulator.HoldWrites"/>.
/// </summary>
public sealed class ScimWriteHold : IDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _passing;
    private readonly Action<ScimWriteHold> _ended;
    private int _writes;
    private int _held;

    internal ScimWriteHold(int passing, Action<ScimWriteHold> ended)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(passing);
        _passing = passing;
        _ended = ended;
    }

    /// <summary>Writes waiting now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Lets a write through, at once if it is among the first <c>passing</c>, otherwise when the hold ends (or
    /// the request is abandoned).</summary>
    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _writes) <= _passing || _released.Task.IsCompleted)
        {
            return;
        }
        Interlocked.Increment(ref _held);
        try
        {
            await _released.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    /// <summary>Ends the hold: the writes waiting go on, and later ones are not held.</summary>
    public void Dispose()
    {
        _ended(this);
        _released.TrySetResult();
    }
}
