using System.Globalization;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// Which signals this test run ignores, as inherited from whatever started it. A signal ignored on entry stays ignored in
/// every process started from here, whatever that process asks for: a POSIX shell that starts a command in the background
/// (<c>cmd &amp;</c>) ignores SIGINT and SIGQUIT for it, and <c>nohup</c> ignores SIGHUP. A test that sends such a signal cannot observe
/// anything, so it skips, saying why.
/// </summary>
internal static class InheritedSignals
{
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal) { ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["TERM"] = 15 };

    /// <summary>Whether signal <paramref name="name"/> (as <c>kill -s</c> names it) is ignored here; false where /proc is not there to say.</summary>
    public static bool Ignores(string name)
    {
        const string statusFile = "/proc/self/status";
        if (!Numbers.TryGetValue(name, out var number) || !File.Exists(statusFile))
            return false;
        var line = File.ReadLines(statusFile).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null || !ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
            return false;
        return (mask & (1UL << (number - 1))) != 0;
    }

    /// <summary>Skips the test when <paramref name="name"/> is ignored here.</summary>
    public static void SkipIfIgnored(string name) =>
        Skip.If(Ignores(name), $"SIG{name} is ignored by this test run (SigIgn in /proc/self/status), so no process it starts can receive it; a shell ignores SIGINT for a command it starts in the background with '&': run the tests in the foreground");
}
