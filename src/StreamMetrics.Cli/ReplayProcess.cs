using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StreamMetrics.Cli;

/// <summary>
/// Runs <c>replay</c> in a child process whose runtime gives the first GC generation a 64 MB allocation budget.
/// A replay at speed 60 turns each millisecond the process is paused into 60 ms of trace time. .NET sizes the first
/// generation from the CPU cache, a few MB here, and the pipeline allocates about 30 MB a second of events that live a
/// few hundred milliseconds: with a small budget, frequent collections promote them, and each collection of the old
/// generation pauses the process for whole trace-seconds, handing the pool a burst of arrivals at once. A budget larger
/// than what the pipeline allocates while its events live lets them die young. The budget can only be set
/// before the runtime starts, through the <see cref="BudgetVariable"/> environment variable (no runtimeconfig setting
/// reaches it), so the replay starts itself again with it; a value set by the user is kept, and no child is started.
/// </summary>
internal static partial class ReplayProcess
{
    public const string BudgetVariable = "DOTNET_GCgen0size";

    /// <summary>64 MB, in the hexadecimal the runtime reads.</summary>
    public const string Budget = "0x4000000";

    private const int SigTerm = 15;

    /// <summary>Whether <paramref name="args"/> run <c>replay</c> without the budget, on a system where a child can take over.</summary>
    public static bool ShouldRestart(IReadOnlyList<string> args, Func<string, string?> environment) =>
        args.Count > 0 && args[0] == "replay"
        && !args.Any(arg => arg is "-h" or "--help" or "-?")
        && environment(BudgetVariable) is null
        && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS());

    /// <summary>The command line that starts this program again with <paramref name="args"/>: the app host, or <c>dotnet</c> and the app's dll.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> args, string processPath, string entryAssembly)
    {
        var start = new ProcessStartInfo(processPath) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            start.ArgumentList.Add(entryAssembly);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment[BudgetVariable] = Budget;
        return start;
    }

    /// <summary>Runs the child to its end and returns its exit code. Ctrl-C reaches it from the terminal; a SIGTERM sent here is passed on.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var start = StartInfo(args, Environment.ProcessPath!, typeof(ReplayProcess).Assembly.Location);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _ = kill(child.Id, SigTerm);
        });
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
