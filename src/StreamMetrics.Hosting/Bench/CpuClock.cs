using System.Diagnostics;

namespace StreamMetrics.Hosting.Bench;

/// <summary>The process's CPU time, all threads, from when it was started or last restarted.</summary>
internal sealed class CpuClock
{
    private TimeSpan _start = Now();

    public void Restart() => _start = Now();

    /// <summary>Microseconds of CPU per event since the start, over <paramref name="events"/> events.</summary>
    public double MicrosecondsPer(long events) => events > 0 ? Math.Round((Now() - _start).TotalMicroseconds / events, 2) : 0;

    private static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
