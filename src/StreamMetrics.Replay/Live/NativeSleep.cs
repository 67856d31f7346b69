using System.Runtime.InteropServices;

namespace StreamMetrics.Replay.Live;

/// <summary>
/// Sleeps with sub-millisecond precision through POSIX <c>nanosleep</c> (overshoot about 0.1 ms on Linux), where
/// <see cref="Thread.Sleep(TimeSpan)"/> and .NET timers work in whole milliseconds and often overshoot by several.
/// </summary>
internal static partial class NativeSleep
{
    /// <summary>Whether <c>nanosleep</c> can be called here (Linux and macOS).</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    public static void For(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
            return;
        var request = new TimeSpec { Seconds = span.Ticks / TimeSpan.TicksPerSecond, Nanoseconds = span.Ticks % TimeSpan.TicksPerSecond * 100 };
        // An interrupted sleep ends early; the caller's loop rechecks the time, so the remainder is not needed.
        _ = nanosleep(ref request, IntPtr.Zero);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int nanosleep(ref TimeSpec request, IntPtr remaining);
}
