using System.Runtime.InteropServices;

namespace StreamMetrics.Hosting.Commands;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for a running command. The first cancels <see cref="Stopping"/>: the command stops taking
/// work, finishes what is in flight and commits it, within its own timeouts (<c>run --shutdown-timeout</c>). An operator
/// who signals again does not want to wait for that: the process ends at once, saying what it abandons, with the
/// shell's code for death by that signal (128 + the signal number: <see cref="InterruptExitCode"/> for SIGINT,
/// <see cref="TerminateExitCode"/> for SIGTERM), so a supervisor tells it from a clean stop. Nothing is lost by it:
/// <c>run</c> commits an event only once its metrics are acknowledged, and reads the rest again on its next start.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    public const int InterruptExitCode = 130;
    public const int TerminateExitCode = 143;

    private readonly TextWriter _error;
    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signals;

    public StopSignals(TextWriter error)
    {
        _error = error;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stopping.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the process decides when it ends, not the runtime's default action
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _stopping.Cancel();
            return;
        }
        var (name, code) = context.Signal == PosixSignal.SIGINT ? ("Ctrl-C (SIGINT)", InterruptExitCode) : ("SIGTERM", TerminateExitCode);
        _error.WriteLine($"stopped at once by a second {name}, before the stop finished: in-flight events were not committed " +
                         $"and will be read again on the next start (exit code {code})");
        _error.Flush();
        Environment.Exit(code);
    }
}
