using Headwater.Syncing;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>The progress of a run whose output is not a terminal: only its waits, a line each, so that a log of a
/// long pause says why rather than looking like a hang. Written as they come (from any thread), one at a time.</summary>
internal sealed class WaitLines(IAnsiConsole console) : IProgress<SyncProgress>
{
    private readonly Lock _writing = new();

    public void Report(SyncProgress value)
    {
        if (value.Phase != SyncPhase.Waiting)
        {
            return;
        }
        lock (_writing)
        {
            console.MarkupLine($"[yellow]{ConsoleText.Escape(value.Destination)}: waiting, {ConsoleText.Escape(value.Text)}[/]");
        }
    }
}
