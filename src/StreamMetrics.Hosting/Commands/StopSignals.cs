using System.Runtime.InteropServices;

namespace StreamMetrics.Hosting.Commands;

/// <summary>
/// Ctrl-C and SIGTERM as a command hears them: the first asks the running command to stop (a service drains and
/// commits); a second, while that stop is still under way, ends the process at once with the shell's code for death by
/// that signal (130 for SIGINT, 143 for SIGTERM), after one line saying what was abandoned.
/// </summary>
/// <remarks>
/// System.CommandLine's own handling would run first (the runtime calls the handler registered last first, and stops
/// at the first that cancels the default action), so no other handler would hear a second signal, and it waits for the
/// command inside its handler. Akka's signal hook is off for the same reason (<see cref="ServiceHost"/>).
/// </remarks>
public sealed class StopSignals : IDisposable
{
    /// <summary>The exit code of a command that Ctrl-C or SIGTERM interrupted before it finished; see <see cref="ExitCodeOf"/>.</summary>
    public const int InterruptedExitCode = 130;

    private const int SigTermExitCode = 143;

    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signals;
    private PosixSignal? _first;

    /// <param name="error">Where the line about an abandoned stop goes.</param>
    public StopSignals(TextWriter error)
    {
        _error = error;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>
    /// A command's exit code as the shell should see it: an interrupted command exits as the signal that interrupted it
    /// would have ended it (130 for SIGINT, 143 for SIGTERM); any other code is the command's own.
    /// </summary>
    public int ExitCodeOf(int commandExitCode) =>
        commandExitCode == InterruptedExitCode && _first is { } signal ? ExitCode(signal) : commandExitCode;

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
            _first = context.Signal;
            // The stop's continuations run on the thread pool, not on the runtime's signal thread.
            _ = _stop.CancelAsync();
            return;
        }
        var name = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        _error.WriteLine($"stopped at once by a second {name}: what was in flight was abandoned; events not committed will be read again on the next start");
        _error.Flush();
        Environment.Exit(ExitCode(context.Signal));
    }

    private static int ExitCode(PosixSignal signal) => signal == PosixSignal.SIGINT ? InterruptedExitCode : SigTermExitCode;
}
