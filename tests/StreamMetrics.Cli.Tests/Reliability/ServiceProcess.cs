using System.Diagnostics;
using System.Globalization;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// <c>streammetrics-service</c> started as a child process, as it is deployed: its standard error is kept line by line
/// with the time each line arrived, its peak memory can be read, and it is stopped by a signal sent to its process id.
/// Disposing kills it if it still runs.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<(DateTimeOffset At, string Line)> _lines = [];

    private ServiceProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>A name for messages (the test's own, not the process's).</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>streammetrics-service</c> with <paramref name="arguments"/> from the test's output directory.</summary>
    public static ServiceProcess Start(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streammetrics-service.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var service = new ServiceProcess(Process.Start(start)!, name);
        service._process.ErrorDataReceived += (_, e) => service.Add(e.Data);
        service._process.BeginErrorReadLine();
        service._process.BeginOutputReadLine();
        return service;
    }

    /// <summary>Standard error so far, each line with the time it arrived.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Line)> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    /// <summary>Standard error so far, as text.</summary>
    public string Log => string.Join('\n', Lines.Select(l => l.Line));

    /// <summary>Waits until a line of standard error contains <paramref name="text"/>; fails with the log after <paramref name="timeout"/>.</summary>
    public Task WaitForLineAsync(string text, TimeSpan timeout) =>
        Eventually.True(() => Lines.Any(l => l.Line.Contains(text, StringComparison.Ordinal)), () => $"{Name} printed no '{text}':\n{Log}", timeout);

    /// <summary>
    /// The most resident memory the process has had so far (VmHWM of <c>/proc/PID/status</c>), in MiB: its peak working
    /// set, managed heap, native buffers and code alike.
    /// </summary>
    public long PeakResidentMiB()
    {
        var line = File.ReadLines($"/proc/{Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024;
    }

    /// <summary>Sends SIG<paramref name="signal"/> (TERM, INT, KILL) to the process, as an operator's <c>kill -s</c> would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end; fails with the log after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{Name} did not exit within {timeout.TotalSeconds} s:\n{Log}");
        }
    }

    /// <summary>Kills the process (SIGKILL) if it still runs, so no test leaves a service behind.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // it ended meanwhile
        }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
            _lines.Add((DateTimeOffset.UtcNow, line));
    }
}
