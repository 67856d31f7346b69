using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// <c>streammetrics-service</c> in a process of its own, as it is deployed: started with a command line, its standard
/// error kept line by line with the time each line arrived and its standard output kept, its peak memory readable, and
/// signalled and killed by its process id as an operator's <c>kill</c> would. Disposing kills it if it still runs.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<(DateTimeOffset At, string Line)> _lines = [];
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.ErrorDataReceived += (_, e) => AddLine(e.Data);
        process.OutputDataReceived += (_, e) => AddOutput(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>A name for messages (the test's own, not the process's).</summary>
    public string Name { get; }

    /// <summary>The process id, which signals and kills address.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The process's standard input, open until the process is disposed.</summary>
    public TextWriter Input => _process.StandardInput;

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard error so far, each line with the time it arrived.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Line)> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    /// <summary>Standard error so far: the log, the status lines and errors.</summary>
    public string Error => string.Concat(Lines.Select(l => l.Line + Environment.NewLine));

    /// <summary>Standard error so far, as text (the same as <see cref="Error"/>).</summary>
    public string Log => Error;

    /// <summary>Standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts <c>streammetrics-service</c> with <paramref name="args"/> (e.g. <c>run -b HOST:PORT --group g</c>).</summary>
    public static ServiceProcess Start(params string[] args) => StartNamed("service", args);

    /// <summary>Starts <c>streammetrics-service</c> with <paramref name="args"/>, called <paramref name="name"/> in messages.</summary>
    public static ServiceProcess StartNamed(string name, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // Its own standard input, left open: a command reading it waits for lines instead of meeting the test host's end of input.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streammetrics-service.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return new ServiceProcess(Process.Start(start)!, name);
    }

    /// <summary>Waits until a line of standard error contains <paramref name="text"/>; fails with the log after <paramref name="timeout"/>.</summary>
    public Task WaitForLineAsync(string text, TimeSpan timeout) =>
        Eventually.True(() => Lines.Any(l => l.Line.Contains(text, StringComparison.Ordinal)), () => $"{Name} printed no '{text}':\n{Log}", timeout);

    /// <summary>
    /// Completes once standard error has a line containing <paramref name="text"/>; fails with the log so far when the
    /// process ends without one or after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForErrorLineAsync(string text, TimeSpan timeout)
    {
        await Eventually.True(() => Error.Contains(text, StringComparison.Ordinal) || HasExited, () => $"no line with '{text}' on standard error:\n{Error}", timeout);
        if (!Error.Contains(text, StringComparison.Ordinal))
        {
            _process.WaitForExit(); // the last lines
            Assert.True(Error.Contains(text, StringComparison.Ordinal), $"the service ended (exit code {_process.ExitCode}) without a line with '{text}':\n{Error}");
        }
    }

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

    /// <summary>Sends SIG<paramref name="name"/> (TERM, INT, KILL) by process id, as <c>kill -s NAME PID</c> does.</summary>
    public async Task SignalAsync(string name)
    {
        using var kill = Process.Start("kill", ["-s", name, Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL: the process ends at once, with no drain, no commit and no flush.</summary>
    public Task KillAsync() => SignalAsync("KILL");

    /// <summary>The exit code, once the process has ended; fails with the log when it runs longer than <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{Name} was still running after {timeout.TotalSeconds:0} s:\n{Error}");
        }
        // The asynchronous readers may still hold the last lines; this overload waits for them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Kills the process (and anything it started) if it still runs, so no test leaves a service behind.</summary>
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

    private void AddLine(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
            _lines.Add((DateTimeOffset.UtcNow, line));
    }

    private void AddOutput(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
