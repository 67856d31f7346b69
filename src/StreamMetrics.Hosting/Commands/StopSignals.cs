using System.Runtime.InteropServices;

namespace StreamMetrics.Hosting.Commands;

/// <summary>
/// Ctrl-C and SIGTERM as a command hears them: the first asks the running command to stop (a service drains and
/// commits); a second, while that stop is still under way, ends the process at once with the shell's code for death by
/// that signal (130 for SIGINT, 143 for SIGTERM), after one line saying what was abandoned.
/// </summary>
/// <remarks>
/// System.CommandLine's own handling waits for the command inside the signal handler, and the runtime delivers signals
/// one at a time, so a second signal would not be heard until the drain ended. Here the handler only requests the stop
/// and returns.
/// </remarks>
public sealed class StopSignals : IDisposable
{
    private const int SigIntExitCode = 130;
    private const int SigTermExitCode = 143;

    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signals;

    /// <param name="error">Where the line about an abandoned stop goes.</param>
    public StopSignals(TextWriter error)
    {
        _error = error;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Stopping => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            // Off this thread: the stop's continuations would otherwise run here and hold back the next signal.
            _ = _stop.CancelAsync();
            return;
        }
        var name = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        _error.WriteLine($"stopped at once by a second {name}: what was in flight was abandoned; events not committed will be read again on the next start");
        _error.Flush();
        Environment.Exit(context.Signal == PosixSignal.SIGINT ? SigIntExitCode : SigTermExitCode);
    }
}
